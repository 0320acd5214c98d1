using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GrainMarket.Common;
using GrainMarket.Gateway.Tests.Catalog;
using GrainMarket.Gateway.Tests.Support;
using Npgsql;
using SkiaSharp;

namespace GrainMarket.Gateway.Tests.Media;

public sealed class MediaApiTests(MarketplaceFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_text_file_named_like_a_jpeg_is_refused_as_not_an_image()
    {
        using var user = await TestUsers.CreateAsync(factory, "buyer");

        using var response = await user.Client.PostAsync(new Uri("/api/media", UriKind.Relative), TestImages.Form(Encoding.UTF8.GetBytes("just some text, honestly"), "x.jpg", "image/jpeg"), Ct);

        var problem = await Problems.AssertAsync(response, HttpStatusCode.UnsupportedMediaType, ErrorCodes.NotAnImage, "file");
        Assert.Contains("JPEG, PNG or WebP", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_starts_like_a_jpeg_but_is_not_one_is_refused()
    {
        using var user = await TestUsers.CreateAsync(factory, "buyer");
        byte[] fake = [0xFF, 0xD8, 0xFF, 0xE0, .. Encoding.ASCII.GetBytes("not really a jpeg at all")];

        using var response = await user.Client.PostAsync(new Uri("/api/media", UriKind.Relative), TestImages.Form(fake, "photo.jpg", "image/jpeg"), Ct);

        await Problems.AssertAsync(response, HttpStatusCode.UnsupportedMediaType, ErrorCodes.NotAnImage, "file");
    }

    [Fact]
    public async Task A_file_over_the_byte_limit_is_refused_with_413()
    {
        using var user = await TestUsers.CreateAsync(factory, "buyer");
        var tooBig = new byte[(5 * 1024 * 1024) + 1];
        tooBig[0] = 0xFF;
        tooBig[1] = 0xD8;
        tooBig[2] = 0xFF;

        using var response = await user.Client.PostAsync(new Uri("/api/media", UriKind.Relative), TestImages.Form(tooBig, "big.jpg", "image/jpeg"), Ct);

        var problem = await Problems.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge, ErrorCodes.RequestTooLarge, "file");
        Assert.Equal(5 * 1024 * 1024, problem.GetProperty("maxBytes").GetInt64());
    }

    [Fact]
    public async Task A_decompression_bomb_is_refused_from_its_header_with_422()
    {
        using var user = await TestUsers.CreateAsync(factory, "buyer");
        var bomb = TestImages.PngBomb(5000, 5000);
        Assert.True(bomb.Length < 100_000, $"the bomb should be small on the wire, it is {bomb.Length} bytes");

        using var response = await user.Client.PostAsync(new Uri("/api/media", UriKind.Relative), TestImages.Form(bomb, "small.png", "image/png"), Ct);

        var problem = await Problems.AssertAsync(response, (HttpStatusCode)422, ErrorCodes.ImageTooLarge, "file");
        Assert.Equal(5000, problem.GetProperty("width").GetInt64());
        Assert.Equal(5000, problem.GetProperty("height").GetInt64());
        Assert.Equal(4096, problem.GetProperty("maxSide").GetInt64());
    }

    [Fact]
    public async Task A_picture_within_the_side_limit_but_over_the_pixel_limit_is_refused()
    {
        using var user = await TestUsers.CreateAsync(factory, "buyer");

        using var response = await user.Client.PostAsync(new Uri("/api/media", UriKind.Relative), TestImages.Form(TestImages.PngBomb(4096, 4000), "wide.png", "image/png"), Ct);

        var problem = await Problems.AssertAsync(response, (HttpStatusCode)422, ErrorCodes.ImageTooLarge, "file");
        Assert.Equal(16_000_000, problem.GetProperty("maxPixels").GetInt64());
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Jpeg, "image/jpeg", "jpg")]
    [InlineData(SKEncodedImageFormat.Png, "image/png", "png")]
    [InlineData(SKEncodedImageFormat.Webp, "image/webp", "webp")]
    public async Task A_jpeg_png_or_webp_is_stored_and_served_in_its_format(SKEncodedImageFormat format, string contentType, string extension)
    {
        using var user = await TestUsers.CreateAsync(factory, "buyer");

        // Named and typed as something else: only the bytes count.
        using var response = await user.Client.PostAsync(new Uri("/api/media", UriKind.Relative), TestImages.Form(TestImages.Encode(format, 64, 48, Random.Shared.Next()), "upload.bin", "application/octet-stream"), Ct);

        var created = await Json.ReadAsync(response, HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString()!;
        var url = created.GetProperty("url").GetString()!;
        Assert.Matches("^[0-9a-f]{64}$", id);
        Assert.Equal($"/media/{id}.{extension}", url);
        Assert.Equal(url, response.Headers.Location?.OriginalString);
        Assert.Equal(contentType, created.GetProperty("contentType").GetString());
        Assert.Equal(64, created.GetProperty("width").GetInt32());
        Assert.Equal(48, created.GetProperty("height").GetInt32());

        using var anonymous = factory.CreateClient();
        using var served = await anonymous.GetAsync(new Uri(url, UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(contentType, served.Content.Headers.ContentType?.MediaType);
        var bytes = await served.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal(created.GetProperty("bytes").GetInt64(), bytes.LongLength);
        Assert.Equal(id, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
        using var codec = SKCodec.Create(new MemoryStream(bytes));
        Assert.Equal(format, codec.EncodedFormat);
        Assert.Equal(new SKSizeI(64, 48), codec.Info.Size);
    }

    [Fact]
    public async Task Exif_metadata_is_stripped_and_its_orientation_applied()
    {
        using var user = await TestUsers.CreateAsync(factory, "buyer");
        const string gps = "GPS 51.50072N 0.12462W home";
        var upload = TestImages.JpegWithExif(40, 20, orientation: 6, gps);
        using (var codec = SKCodec.Create(new MemoryStream(upload)))
        {
            Assert.Equal(SKEncodedOrigin.RightTop, codec.EncodedOrigin);
        }

        Assert.True(TestImages.Contains(upload, TestImages.ExifMarker));

        var created = await Json.ReadAsync(await user.Client.PostAsync(new Uri("/api/media", UriKind.Relative), TestImages.Form(upload, "IMG_0001.JPG", "image/jpeg"), Ct), HttpStatusCode.Created);
        using var anonymous = factory.CreateClient();
        var stored = await anonymous.GetByteArrayAsync(new Uri(created.GetProperty("url").GetString()!, UriKind.Relative), Ct);

        Assert.False(TestImages.Contains(stored, TestImages.ExifMarker), "the stored JPEG still has an EXIF segment");
        Assert.False(TestImages.Contains(stored, Encoding.ASCII.GetBytes("51.50072")), "the stored JPEG still holds the GPS text");
        Assert.Equal(20, created.GetProperty("width").GetInt32());
        Assert.Equal(40, created.GetProperty("height").GetInt32());
        using var upright = SKCodec.Create(new MemoryStream(stored));
        Assert.Equal(SKEncodedOrigin.TopLeft, upright.EncodedOrigin);
        Assert.Equal(new SKSizeI(20, 40), upright.Info.Size);
    }

    [Fact]
    public async Task The_same_picture_uploaded_twice_gets_the_same_url_and_one_record_per_uploader()
    {
        using var first = await TestUsers.CreateAsync(factory, "seller");
        using var second = await TestUsers.CreateAsync(factory, "buyer");
        var picture = TestImages.Encode(SKEncodedImageFormat.Png, 30, 30, Random.Shared.Next());

        var a = await Json.ReadAsync(await first.Client.PostAsync(new Uri("/api/media", UriKind.Relative), TestImages.Form(picture, "a.png", "image/png"), Ct), HttpStatusCode.Created);
        var b = await Json.ReadAsync(await first.Client.PostAsync(new Uri("/api/media", UriKind.Relative), TestImages.Form(picture, "b.png", "image/png"), Ct), HttpStatusCode.Created);
        var c = await Json.ReadAsync(await second.Client.PostAsync(new Uri("/api/media", UriKind.Relative), TestImages.Form(picture, "c.png", "image/png"), Ct), HttpStatusCode.Created);

        Assert.Equal(a.GetProperty("url").GetString(), b.GetProperty("url").GetString());
        Assert.Equal(a.GetProperty("url").GetString(), c.GetProperty("url").GetString());
        var key = a.GetProperty("url").GetString()!["/media/".Length..];
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT owner_id, content_type, bytes, width, height FROM media WHERE key = $1 ORDER BY owner_id", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        var rows = new List<(Guid Owner, string Type, long Bytes, int Width, int Height)>();
        await using (var reader = await command.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct))
            {
                rows.Add((reader.GetGuid(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt32(3), reader.GetInt32(4)));
            }
        }

        Assert.Equal(new[] { first.Id, second.Id }.Order(), rows.Select(r => r.Owner));
        Assert.All(rows, r => Assert.Equal(("image/png", a.GetProperty("bytes").GetInt64(), 30, 30), (r.Type, r.Bytes, r.Width, r.Height)));
    }

    [Fact]
    public async Task A_served_image_is_cacheable_for_good_and_revalidates_with_304()
    {
        using var user = await TestUsers.CreateAsync(factory, "buyer");
        var created = await Json.ReadAsync(await user.Client.PostAsync(new Uri("/api/media", UriKind.Relative), TestImages.Form(TestImages.Encode(SKEncodedImageFormat.Png, 8, 8, Random.Shared.Next()), "dot.png", "image/png"), Ct), HttpStatusCode.Created);
        var url = new Uri(created.GetProperty("url").GetString()!, UriKind.Relative);
        using var anonymous = factory.CreateClient();

        using var first = await anonymous.GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("public, max-age=31536000, immutable", first.Headers.CacheControl?.ToString());
        Assert.Equal($"\"{created.GetProperty("id").GetString()}\"", first.Headers.ETag?.Tag);
        Assert.Equal("nosniff", first.Headers.GetValues("X-Content-Type-Options").Single());

        using var conditional = new HttpRequestMessage(HttpMethod.Get, url);
        conditional.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var again = await anonymous.SendAsync(conditional, Ct);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(first.Headers.ETag, again.Headers.ETag);
    }

    [Theory]
    [InlineData("/media/not-a-key.png")]
    [InlineData("/media/0000000000000000000000000000000000000000000000000000000000000000.png")]
    [InlineData("/media/0000000000000000000000000000000000000000000000000000000000000000.gif")]
    public async Task A_missing_or_malformed_media_key_is_404(string path)
    {
        using var anonymous = factory.CreateClient();

        using var response = await anonymous.GetAsync(new Uri(path, UriKind.Relative), Ct);

        await Problems.AssertAsync(response, HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }

    [Fact]
    public async Task An_upload_that_is_not_multipart_is_refused_with_415()
    {
        using var user = await TestUsers.CreateAsync(factory, "buyer");

        using var response = await user.Client.PostAsJsonAsync("/api/media", new { file = "aGVsbG8=" }, Ct);

        await Problems.AssertAsync(response, HttpStatusCode.UnsupportedMediaType, ErrorCodes.UnsupportedMediaType);
    }

    [Fact]
    public async Task An_upload_without_a_file_field_is_refused_naming_it()
    {
        using var user = await TestUsers.CreateAsync(factory, "buyer");
        using var form = new MultipartFormDataContent { { new ByteArrayContent(TestImages.Encode(SKEncodedImageFormat.Png, 4, 4)), "picture", "p.png" } };

        using var response = await user.Client.PostAsync(new Uri("/api/media", UriKind.Relative), form, Ct);

        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, ErrorCodes.Validation, "file");
    }

    [Fact]
    public async Task Product_images_and_avatars_take_our_media_urls_and_refuse_other_relative_ones()
    {
        using var admin = await TestUsers.AdminAsync(factory);
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        var category = await CatalogSeed.CategoryAsync(admin);
        var media = await Json.ReadAsync(await seller.Client.PostAsync(new Uri("/api/media", UriKind.Relative), TestImages.Form(TestImages.Encode(SKEncodedImageFormat.Jpeg, 16, 16, Random.Shared.Next()), "p.jpg", "image/jpeg"), Ct), HttpStatusCode.Created);
        var url = media.GetProperty("url").GetString()!;
        string[] images = [url, "https://img.grainmarket.test/outside.jpg"];

        var product = await Json.ReadAsync(await seller.Client.PostAsJsonAsync("/api/products", new { title = CatalogSeed.UniqueName("pictured"), description = "d", categoryId = category, price = 500, stock = 1, images }, Ct), HttpStatusCode.Created);
        Assert.Equal(images, product.GetProperty("images").EnumerateArray().Select(i => i.GetString()));
        var me = await Json.ReadAsync(await seller.Client.PatchAsJsonAsync("/api/me", new { avatarUrl = url }, Ct));
        Assert.Equal(url, me.GetProperty("avatarUrl").GetString());

        using var relative = await seller.Client.PostAsJsonAsync("/api/products", new { title = "t", description = "d", categoryId = category, price = 500, stock = 1, images = new[] { "/etc/passwd" } }, Ct);
        await Problems.AssertAsync(relative, HttpStatusCode.BadRequest, ErrorCodes.Validation, "images[0]");
        using var avatar = await seller.Client.PatchAsJsonAsync("/api/me", new { avatarUrl = "/media/../../secret.png" }, Ct);
        await Problems.AssertAsync(avatar, HttpStatusCode.BadRequest, ErrorCodes.Validation, "avatarUrl");
    }

    [Fact]
    public async Task The_document_describes_the_upload_as_a_form_with_one_file_so_the_sweep_sends_it_bad_forms()
    {
        using var anonymous = factory.CreateClient();
        using var document = JsonDocument.Parse(await anonymous.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), Ct));

        var upload = Sweeps.OpenApiOperation.Read(document.RootElement).Single(o => o.ToString() == "POST /api/media");

        Assert.Equal(new Dictionary<string, string> { ["file"] = "file" }, upload.FormFields);
        Assert.Contains(Sweeps.BadInputs.For(upload), input => input.Description == "file holding text named like a JPEG");
    }

    [Fact]
    public async Task An_anonymous_upload_is_refused_with_401()
    {
        using var anonymous = factory.CreateClient();

        using var response = await anonymous.PostAsync(new Uri("/api/media", UriKind.Relative), TestImages.Form(TestImages.Encode(SKEncodedImageFormat.Png, 4, 4), "p.png", "image/png"), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
