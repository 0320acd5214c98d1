using System.Security.Claims;
using GrainMarket.ApiGateway.Auth;
using GrainMarket.ApiGateway.Caching;
using GrainMarket.ApiGateway.Http;
using GrainMarket.ApiGateway.Media;
using GrainMarket.ApiGateway.OpenApi;
using GrainMarket.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace GrainMarket.ApiGateway.Apis;

/// <summary>
/// Media: signed-in users upload images (JPEG, PNG, WebP; sniffed, limited, stripped of metadata) and use the URL they
/// get back for product images and avatars; anyone fetches them from <c>/media/{key}</c>, cacheable for a year since a
/// key is the hash of its bytes.
/// </summary>
public static class MediaApi
{
    /// <summary>Content-addressed: the bytes under a key never change, so any cache may keep them for good.</summary>
    public const string ImmutableCaching = "public, max-age=31536000, immutable";

    private const string Field = "file";

    public static IEndpointRouteBuilder MapMediaApi(this IEndpointRouteBuilder app)
    {
        var settings = app.ServiceProvider.GetRequiredService<MediaSettings>();
        app.MapGroup("/api/media").WithTags("Media")
            .MapPost("/", UploadAsync)
            .RequireAuthorization()
            .WithMetadata(new UsageRateLimits.Limit(UsageRateLimits.Upload), new RequestBodyLimit(settings.MaxRequestBytes))
            .Accepts<MediaUploadForm>("multipart/form-data")
            .WithSummary("Upload an image (JPEG, PNG or WebP) and get the URL to use for product images or your avatar.")
            .ProducesProblems(ErrorCodes.Validation, ErrorCodes.MalformedRequest, ErrorCodes.RequestTooLarge, ErrorCodes.UnsupportedMediaType, ErrorCodes.NotAnImage, ErrorCodes.ImageTooLarge);
        app.MapGroup("/media").WithTags("Media")
            .MapGet("/{key}", ServeAsync)
            .WithSummary("Get an uploaded image.")
            .ProducesProblems(ErrorCodes.NotFound);
        return app;
    }

    public static async Task<Results<Created<MediaResponse>, ProblemHttpResult>> UploadAsync(
        HttpRequest request, ClaimsPrincipal user, ImageProcessor images, IMediaStore store, MediaRecords records, MediaSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(settings);
        if (!request.HasFormContentType || !request.ContentType!.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return DomainProblems.For(new DomainError(ErrorCodes.UnsupportedMediaType, $"The body must be multipart/form-data with the image in the field '{Field}'.", Field));
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (Exception malformed) when (malformed is InvalidDataException or IOException and not BadHttpRequestException)
        {
            // A form the multipart reader rejects, or one cut off before its closing boundary. (A body over the size
            // limit is a BadHttpRequestException, answered 413 by DomainExceptionHandler.)
            return DomainProblems.For(new DomainError(ErrorCodes.MalformedRequest, $"The multipart body cannot be read: {malformed.Message}", Field));
        }

        if (form.Files.GetFile(Field) is not { } file || form.Files.Count != 1 || form.Count != 0)
        {
            return DomainProblems.Invalid(Field, "is required: send exactly one file, in the field 'file', and no other fields");
        }

        if (file.Length > settings.MaxBytes)
        {
            return DomainProblems.For(new DomainError(ErrorCodes.RequestTooLarge, $"{Field}: the file is {file.Length} bytes; at most {settings.MaxBytes} are accepted", Field, new Dictionary<string, long> { ["maxBytes"] = settings.MaxBytes }));
        }

        if (file.Length == 0)
        {
            return DomainProblems.Invalid(Field, "must not be empty");
        }

        var upload = new byte[file.Length];
        await using (var content = file.OpenReadStream())
        {
            await content.ReadExactlyAsync(upload, cancellationToken);
        }

        var processed = await images.ProcessAsync(upload, cancellationToken);
        if (!processed.Succeeded)
        {
            return DomainProblems.For(processed.Error!);
        }

        var image = processed.Value!;
        var key = MediaKeys.Of(image.Bytes, image.Format);
        await store.PutAsync(key, image.Bytes, image.Format.ContentType, cancellationToken);
        await records.RecordAsync(user.UserId(), key, image, cancellationToken);
        var url = settings.UrlOf(key);
        return TypedResults.Created(url, new MediaResponse(MediaKeys.IdOf(key), url, image.Format.ContentType, image.Width, image.Height, image.Bytes.Length));
    }

    public static async Task<Results<FileStreamHttpResult, StatusCodeHttpResult, ProblemHttpResult>> ServeAsync(
        string key, HttpContext http, IMediaStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(store);
        if (MediaKeys.FormatOf(key) is not { } format)
        {
            return DomainProblems.NotFound("The media object");
        }

        var etag = new EntityTagHeaderValue($"\"{MediaKeys.IdOf(key)}\"");
        var headers = http.Response.GetTypedHeaders();
        headers.ETag = etag;
        http.Response.Headers.CacheControl = ImmutableCaching;

        // The key is the hash of the bytes: a client holding the tag holds the object, so the store is not asked.
        if (ConditionalGet.IsCurrent(http.Request, etag))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        if (await store.GetAsync(key, cancellationToken) is not { } stored)
        {
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers.ETag = default;
            return DomainProblems.NotFound("The media object");
        }

        http.Response.RegisterForDisposeAsync(stored);
        return TypedResults.Stream(stored.Content, format.ContentType, entityTag: etag);
    }
}
