namespace GrainMarket.ApiGateway.Media;

/// <summary>
/// Media objects as files under <see cref="MediaSettings.Folder"/>, spread over sub-folders by the first two hex digits
/// of their key. A put writes a temporary file and moves it into place, so a reader never sees half an object, and two
/// racing puts of one key (the same bytes) both succeed.
/// </summary>
public sealed class LocalDiskMediaStore(MediaSettings settings) : IMediaStore
{
    public async Task PutAsync(string key, ReadOnlyMemory<byte> bytes, string contentType, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        if (File.Exists(path))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await File.WriteAllBytesAsync(temporary, bytes, cancellationToken);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public Task<MediaObject?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        if (!File.Exists(path))
        {
            return Task.FromResult<MediaObject?>(null);
        }

        try
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
            return Task.FromResult<MediaObject?>(new MediaObject(stream, stream.Length));
        }
        catch (FileNotFoundException)
        {
            return Task.FromResult<MediaObject?>(null);
        }
    }

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => Task.FromResult(File.Exists(PathOf(key)));

    /// <summary>Only well-formed keys (hex and a known extension) become paths: nothing else can reach the file system.</summary>
    private string PathOf(string key) => MediaKeys.FormatOf(key) is null
        ? throw new ArgumentException($"'{key}' is not a media key.", nameof(key))
        : Path.Combine(settings.Folder, key[..2], key);
}
