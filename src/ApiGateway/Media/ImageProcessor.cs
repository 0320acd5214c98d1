using GrainMarket.Common;
using SkiaSharp;

namespace GrainMarket.ApiGateway.Media;

/// <summary>
/// Turns an upload into what is stored: sniffs the format from the bytes, reads only the header to refuse a picture
/// over the pixel limits before decoding it (a small file may declare a huge canvas: a decompression bomb), then
/// decodes, turns it upright by its EXIF orientation, and re-encodes it. Re-encoding writes pixels only, so EXIF
/// (camera, GPS position, time), XMP and comments are dropped; colours are converted to sRGB. At most
/// <see cref="MediaSettings.Decoders"/> uploads are decoded at once (each may take 4 bytes a pixel).
/// </summary>
public sealed class ImageProcessor(MediaSettings settings) : IDisposable
{
    /// <summary>JPEG and lossy WebP quality of the re-encoded image.</summary>
    private const int Quality = 90;

    private const string Field = "file";

    private readonly SemaphoreSlim _decoders = new(settings.Decoders, settings.Decoders);

    /// <summary>Processes <paramref name="upload"/> once a decoder is free.</summary>
    public async Task<Result<ProcessedImage>> ProcessAsync(byte[] upload, CancellationToken cancellationToken)
    {
        await _decoders.WaitAsync(cancellationToken);
        try
        {
            return Process(upload);
        }
        finally
        {
            _decoders.Release();
        }
    }

    public void Dispose() => _decoders.Dispose();

    private Result<ProcessedImage> Process(byte[] upload)
    {
        ArgumentNullException.ThrowIfNull(upload);
        if (ImageFormat.Sniff(upload) is not { } format)
        {
            return NotAnImage($"must be a {ImageFormat.Accepted} image: its bytes are not one, whatever its name or declared type says");
        }

        using var data = SKData.CreateCopy(upload);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.EncodedFormat != format.Encoding)
        {
            return NotAnImage($"must be a readable {ImageFormat.Accepted} image: its header is damaged");
        }

        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width > settings.MaxSide || height > settings.MaxSide || (long)width * height > settings.MaxPixels)
        {
            return new DomainError(
                ErrorCodes.ImageTooLarge,
                $"{Field}: the image is {width}×{height} pixels; at most {settings.MaxSide} pixels a side and {settings.MaxPixels} pixels in all are accepted",
                Field,
                new Dictionary<string, long> { ["width"] = width, ["height"] = height, ["maxSide"] = settings.MaxSide, ["maxPixels"] = settings.MaxPixels });
        }

        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, codec.Info.AlphaType == SKAlphaType.Opaque ? SKAlphaType.Opaque : SKAlphaType.Premul, SKColorSpace.CreateSrgb());
        using var decoded = new SKBitmap(info);
        var result = codec.GetPixels(info, decoded.GetPixels());
        if (result != SKCodecResult.Success)
        {
            return NotAnImage($"must be a complete {ImageFormat.Accepted} image: decoding it failed ({result})");
        }

        using var upright = Upright(decoded, codec.EncodedOrigin);
        using var image = SKImage.FromBitmap(upright);
        using var encoded = image.Encode(format.Encoding, Quality)
            ?? throw new InvalidOperationException($"SkiaSharp could not encode a {upright.Width}×{upright.Height} {format.Extension} image.");
        return new ProcessedImage(format, encoded.ToArray(), upright.Width, upright.Height);
    }

    private static DomainError NotAnImage(string rule) => new(ErrorCodes.NotAnImage, $"{Field}: {rule}", Field);

    /// <summary>
    /// The picture as it is meant to be seen: EXIF orientation is metadata, and it goes with the rest, so it is applied
    /// to the pixels first. Each origin is the affine map from the stored pixels to the upright ones.
    /// </summary>
    private static SKBitmap Upright(SKBitmap bitmap, SKEncodedOrigin origin)
    {
        var (w, h) = (bitmap.Width, bitmap.Height);
        SKMatrix? map = origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
            SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
            _ => null,
        };
        if (map is not { } matrix)
        {
            return bitmap.Copy();
        }

        var swapped = origin >= SKEncodedOrigin.LeftTop;
        var upright = new SKBitmap(bitmap.Info.WithSize(swapped ? h : w, swapped ? w : h));
        using var canvas = new SKCanvas(upright);
        canvas.SetMatrix(matrix);
        canvas.DrawBitmap(bitmap, 0, 0, SKSamplingOptions.Default, null);
        return upright;
    }
}
