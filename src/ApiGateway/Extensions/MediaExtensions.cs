using GrainMarket.ApiGateway.Media;

namespace GrainMarket.ApiGateway.Extensions;

public static class MediaExtensions
{
    /// <summary>
    /// Media uploads (docs/media.md): the <see cref="MediaSettings"/>, the <see cref="ImageProcessor"/>, the upload records,
    /// and the store — <see cref="S3MediaStore"/> when <c>GRAINMARKET_MEDIA_S3_BUCKET</c> is set, else <see cref="LocalDiskMediaStore"/>.
    /// </summary>
    public static IHostApplicationBuilder AddGrainMarketMedia(this IHostApplicationBuilder builder)
    {
        var settings = new MediaSettings(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<ImageProcessor>();
        builder.Services.AddSingleton<MediaRecords>();
        if (settings.S3Bucket is not null)
        {
            builder.Services.AddSingleton<IMediaStore, S3MediaStore>();
        }
        else
        {
            builder.Services.AddSingleton<IMediaStore, LocalDiskMediaStore>();
            if (builder.Configuration["GRAINMARKET_MEDIA_DIR"] is not { Length: > 0 })
            {
                StartupWarnings.Add(builder.Services, $"Uploaded images are kept in {settings.Folder}, a temporary folder of this process only: set GRAINMARKET_MEDIA_S3_BUCKET (or GRAINMARKET_MEDIA_DIR on a disk every gateway shares) to keep them.");
            }
        }

        return builder;
    }
}
