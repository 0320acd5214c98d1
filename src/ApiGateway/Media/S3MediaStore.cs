using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace GrainMarket.ApiGateway.Media;

/// <summary>
/// Media objects in an S3-compatible bucket (AWS S3, MinIO, Ceph, R2…), keyed like the files of
/// <see cref="LocalDiskMediaStore"/>. Requests are signed with AWS Signature V4 by AWSSDK.S3; checksums are sent only
/// where an operation requires them, since many S3-compatible stores do not read the SDK's trailing checksums.
/// </summary>
public sealed class S3MediaStore : IMediaStore, IDisposable
{
    private readonly AmazonS3Client _client;
    private readonly string _bucket;

    public S3MediaStore(MediaSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _bucket = settings.S3Bucket ?? throw new InvalidOperationException("GRAINMARKET_MEDIA_S3_BUCKET is not set.");
        var config = new AmazonS3Config
        {
            ForcePathStyle = settings.S3PathStyle,
            AuthenticationRegion = settings.S3Region,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (settings.S3ServiceUrl is { } serviceUrl)
        {
            config.ServiceURL = serviceUrl;
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(settings.S3Region);
        }

        _client = settings.S3AccessKey is { } accessKey && settings.S3SecretKey is { } secretKey
            ? new AmazonS3Client(new BasicAWSCredentials(accessKey, secretKey), config)
            : new AmazonS3Client(config);
    }

    public async Task PutAsync(string key, ReadOnlyMemory<byte> bytes, string contentType, CancellationToken cancellationToken)
    {
        if (await ExistsAsync(key, cancellationToken))
        {
            return;
        }

        using var body = new MemoryStream(bytes.ToArray(), writable: false);
        await _client.PutObjectAsync(
            new PutObjectRequest { BucketName = _bucket, Key = key, InputStream = body, ContentType = contentType, UseChunkEncoding = false, AutoCloseStream = false },
            cancellationToken);
    }

    public async Task<MediaObject?> GetAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _client.GetObjectAsync(new GetObjectRequest { BucketName = _bucket, Key = key }, cancellationToken);
            return new MediaObject(response.ResponseStream, response.ContentLength);
        }
        catch (AmazonS3Exception missing) when (missing.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await _client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = _bucket, Key = key }, cancellationToken);
            return true;
        }
        catch (AmazonS3Exception missing) when (missing.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    public void Dispose() => _client.Dispose();
}
