using System.Net;
using GrainMarket.ApiGateway.Media;
using GrainMarket.Gateway.Tests.Support;
using Microsoft.Extensions.Configuration;
using SkiaSharp;

namespace GrainMarket.Gateway.Tests.Media;

/// <summary><see cref="S3MediaStore"/> against <see cref="S3StandIn"/> over real HTTP with verified SigV4 signatures, alone and behind a gateway.</summary>
public sealed class S3MediaStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_store_puts_checks_and_gets_objects_with_signed_requests()
    {
        await using var s3 = await S3StandIn.StartAsync(Ct);
        using var store = new S3MediaStore(new MediaSettings(new ConfigurationBuilder().AddInMemoryCollection(Settings(s3)).Build()));
        var bytes = TestImages.Encode(SKEncodedImageFormat.Png, 10, 10, 7);
        var key = MediaKeys.Of(bytes, ImageFormat.Png);

        Assert.False(await store.ExistsAsync(key, Ct));
        Assert.Null(await store.GetAsync(key, Ct));
        await store.PutAsync(key, bytes, "image/png", Ct);
        await store.PutAsync(key, bytes, "image/png", Ct);

        Assert.True(await store.ExistsAsync(key, Ct));
        await using var stored = await store.GetAsync(key, Ct) ?? throw new InvalidOperationException("the object is not there");
        using var read = new MemoryStream();
        await stored.Content.CopyToAsync(read, Ct);
        Assert.Equal(bytes, read.ToArray());
        Assert.Equal(bytes.Length, stored.Length);
        Assert.Equal(bytes, s3.Objects[key].Bytes);
        Assert.Equal("image/png", s3.Objects[key].ContentType);
        Assert.Empty(s3.Refusals);
        Assert.Equal(7, s3.Verified);
    }

    [Fact]
    public async Task A_wrong_secret_is_refused_by_the_store_and_the_stand_in_says_why()
    {
        await using var s3 = await S3StandIn.StartAsync(Ct);
        var settings = new Dictionary<string, string?>(Settings(s3)) { ["GRAINMARKET_MEDIA_S3_SECRET_KEY"] = "not-the-secret" };
        using var store = new S3MediaStore(new MediaSettings(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()));

        var refused = await Assert.ThrowsAsync<Amazon.S3.AmazonS3Exception>(() => store.GetAsync(new string('a', 64) + ".png", Ct));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains(s3.Refusals, r => r.StartsWith("signature mismatch", StringComparison.Ordinal));
        Assert.Empty(s3.Objects);
    }

    [Fact]
    public async Task An_upload_through_a_gateway_configured_for_s3_lands_in_the_bucket_and_is_served_from_it()
    {
        await using var s3 = await S3StandIn.StartAsync(Ct);
        await using var gateway = new GatewayFactory(postgres: false, Settings(s3).ToDictionary(p => p.Key, p => p.Value!));
        using var user = await TestUsers.CreateAsync(gateway, "buyer");
        var picture = TestImages.Encode(SKEncodedImageFormat.Webp, 12, 9, 3);

        var created = await Json.ReadAsync(await user.Client.PostAsync(new Uri("/api/media", UriKind.Relative), TestImages.Form(picture, "p.webp", "image/webp"), Ct), HttpStatusCode.Created);
        var url = created.GetProperty("url").GetString()!;
        var key = url["/media/".Length..];

        Assert.Equal("image/webp", s3.Objects[key].ContentType);
        using var anonymous = gateway.CreateClient();
        using var served = await anonymous.GetAsync(new Uri(url, UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/webp", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal(s3.Objects[key].Bytes, await served.Content.ReadAsByteArrayAsync(Ct));
        Assert.Empty(s3.Refusals);
    }

    private static Dictionary<string, string?> Settings(S3StandIn s3) => new()
    {
        ["GRAINMARKET_MEDIA_S3_BUCKET"] = s3.Bucket,
        ["GRAINMARKET_MEDIA_S3_SERVICE_URL"] = s3.BaseAddress.ToString(),
        ["GRAINMARKET_MEDIA_S3_REGION"] = S3StandIn.Region,
        ["GRAINMARKET_MEDIA_S3_ACCESS_KEY"] = s3.AccessKey,
        ["GRAINMARKET_MEDIA_S3_SECRET_KEY"] = s3.SecretKey,
    };
}
