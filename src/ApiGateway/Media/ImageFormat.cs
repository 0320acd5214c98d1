using SkiaSharp;

namespace GrainMarket.ApiGateway.Media;

/// <summary>
/// The image formats an upload may be: JPEG, PNG and WebP, each recognised by its magic bytes alone (never by a file
/// name or a declared content type), stored with its extension and served with its content type.
/// </summary>
public sealed record ImageFormat(string Extension, string ContentType, SKEncodedImageFormat Encoding)
{
    public static readonly ImageFormat Jpeg = new("jpg", "image/jpeg", SKEncodedImageFormat.Jpeg);
    public static readonly ImageFormat Png = new("png", "image/png", SKEncodedImageFormat.Png);
    public static readonly ImageFormat Webp = new("webp", "image/webp", SKEncodedImageFormat.Webp);

    /// <summary>The names of the accepted formats, for problem details.</summary>
    public const string Accepted = "JPEG, PNG or WebP";

    /// <summary>The format whose signature starts <paramref name="head"/>: JPEG <c>FF D8 FF</c>, PNG <c>89 50 4E 47 0D 0A 1A 0A</c>, WebP <c>RIFF????WEBP</c>.</summary>
    public static ImageFormat? Sniff(ReadOnlySpan<byte> head) =>
        head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? Jpeg
        : head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? Png
        : head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8) ? Webp
        : null;

    public static ImageFormat? FromExtension(string extension) => extension switch
    {
        "jpg" => Jpeg,
        "png" => Png,
        "webp" => Webp,
        _ => null,
    };
}
