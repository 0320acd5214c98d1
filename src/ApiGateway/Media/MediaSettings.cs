using System.Globalization;

namespace GrainMarket.ApiGateway.Media;

/// <summary>
/// Media settings: where objects are stored — the folder <c>GRAINMARKET_MEDIA_DIR</c> (<c>./grainmarket up</c> puts it
/// under its data folder; default <c>&lt;temp&gt;/grainmarket/media</c>), or an S3-compatible bucket when
/// <c>GRAINMARKET_MEDIA_S3_BUCKET</c> is set (with <c>_SERVICE_URL</c>, <c>_REGION</c> default us-east-1,
/// <c>_PATH_STYLE</c> default true when a service URL is given, <c>_ACCESS_KEY</c>, <c>_SECRET_KEY</c>); the limits of an
/// upload — <c>GRAINMARKET_MEDIA_MAX_BYTES</c> (default 5 MiB), <c>GRAINMARKET_MEDIA_MAX_SIDE</c> (default 4096 pixels)
/// and <c>GRAINMARKET_MEDIA_MAX_PIXELS</c> (default 16,000,000); how many uploads a gateway decodes at once,
/// <c>GRAINMARKET_MEDIA_DECODERS</c> (default: the processor count); and the address media URLs start with,
/// <c>GRAINMARKET_PUBLIC_URL</c> (relative <c>/media/…</c> URLs without it).
/// </summary>
public sealed class MediaSettings
{
    /// <summary>The route prefix of served media, and of the relative URLs product images and avatars may take.</summary>
    public const string PathPrefix = "/media/";

    public MediaSettings(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Folder = configuration["GRAINMARKET_MEDIA_DIR"] is { Length: > 0 } folder ? folder : Path.Combine(Path.GetTempPath(), "grainmarket", "media");
        MaxBytes = Positive(configuration, "GRAINMARKET_MEDIA_MAX_BYTES", 5L * 1024 * 1024);
        MaxSide = (int)Positive(configuration, "GRAINMARKET_MEDIA_MAX_SIDE", 4096);
        MaxPixels = Positive(configuration, "GRAINMARKET_MEDIA_MAX_PIXELS", 16_000_000);
        Decoders = (int)Positive(configuration, "GRAINMARKET_MEDIA_DECODERS", Environment.ProcessorCount);
        PublicUrl = configuration["GRAINMARKET_PUBLIC_URL"] is { Length: > 0 } url ? url.TrimEnd('/') : null;
        S3Bucket = configuration["GRAINMARKET_MEDIA_S3_BUCKET"] is { Length: > 0 } bucket ? bucket : null;
        S3ServiceUrl = configuration["GRAINMARKET_MEDIA_S3_SERVICE_URL"] is { Length: > 0 } service ? service : null;
        S3Region = configuration["GRAINMARKET_MEDIA_S3_REGION"] is { Length: > 0 } region ? region : "us-east-1";
        S3PathStyle = configuration.GetValue<bool?>("GRAINMARKET_MEDIA_S3_PATH_STYLE") ?? S3ServiceUrl is not null;
        S3AccessKey = configuration["GRAINMARKET_MEDIA_S3_ACCESS_KEY"];
        S3SecretKey = configuration["GRAINMARKET_MEDIA_S3_SECRET_KEY"];
    }

    public string Folder { get; }

    public long MaxBytes { get; }

    public int MaxSide { get; }

    public long MaxPixels { get; }

    /// <summary>How many uploads are decoded at once; the others wait, so decoding memory stays under this many times the largest picture.</summary>
    public int Decoders { get; }

    public string? PublicUrl { get; }

    public string? S3Bucket { get; }

    public string? S3ServiceUrl { get; }

    public string S3Region { get; }

    public bool S3PathStyle { get; }

    public string? S3AccessKey { get; }

    public string? S3SecretKey { get; }

    /// <summary>The largest request an upload may be: the file's limit plus room for the multipart framing.</summary>
    public long MaxRequestBytes => MaxBytes + (64 * 1024);

    /// <summary>The URL of the object stored under <paramref name="key"/>: on <see cref="PublicUrl"/>, or relative without it.</summary>
    public string UrlOf(string key) => $"{PublicUrl}{PathPrefix}{key}";

    private static long Positive(IConfiguration configuration, string name, long fallback) =>
        configuration[name] is not { Length: > 0 } text ? fallback
        : long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is > 0 and <= int.MaxValue ? value
        : throw new InvalidOperationException($"{name} must be a whole number from 1 to {int.MaxValue}.");
}
