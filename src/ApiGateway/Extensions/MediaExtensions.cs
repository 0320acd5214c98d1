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
        }

        return builder;
    }
}
