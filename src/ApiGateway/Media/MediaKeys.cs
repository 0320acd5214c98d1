using System.Buffers;
using System.Security.Cryptography;

namespace GrainMarket.ApiGateway.Media;

/// <summary>
/// Media keys: the lower-case hex SHA-256 of the stored (stripped) bytes and the format's extension, such as
/// <c>9f86…0a08.jpg</c>. Hex rather than base64 so that keys stay distinct on case-insensitive file systems and in
/// URLs; anything that is not a key is refused before it reaches a store, so a path never does.
/// </summary>
public static class MediaKeys
{
    private const int HashLength = 64;

    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    /// <summary>The key of <paramref name="bytes"/> stored as <paramref name="format"/>.</summary>
    public static string Of(ReadOnlySpan<byte> bytes, ImageFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        return $"{Convert.ToHexStringLower(SHA256.HashData(bytes))}.{format.Extension}";
    }

    /// <summary>The format a well-formed key names, or null when <paramref name="key"/> is not one.</summary>
    public static ImageFormat? FormatOf(string? key) =>
        key is { Length: > HashLength + 1 } && key[HashLength] == '.' && !key.AsSpan(0, HashLength).ContainsAnyExcept(LowerHex)
            ? ImageFormat.FromExtension(key[(HashLength + 1)..])
            : null;

    /// <summary>The hash part of a key: the media's <c>id</c>.</summary>
    public static string IdOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key[..HashLength];
    }
}
