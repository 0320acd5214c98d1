namespace GrainMarket.ApiGateway.Media;

/// <summary>
/// Where uploaded media objects live: a content-addressed key (<c>&lt;sha-256&gt;.&lt;extension&gt;</c>) to its bytes. Writing a
/// key twice writes the same bytes, so a put needs no locking and a retried upload changes nothing.
/// </summary>
public interface IMediaStore
{
    /// <summary>Stores <paramref name="bytes"/> under <paramref name="key"/> (a no-op when the key is already there).</summary>
    Task PutAsync(string key, ReadOnlyMemory<byte> bytes, string contentType, CancellationToken cancellationToken);

    /// <summary>Opens the object stored under <paramref name="key"/>, or null when there is none.</summary>
    Task<MediaObject?> GetAsync(string key, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken);
}
