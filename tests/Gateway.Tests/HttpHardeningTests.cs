using System.Net;
using System.Net.Http.Json;
using System.Text;
using GrainMarket.Gateway.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace GrainMarket.Gateway.Tests;

public sealed class HttpHardeningTests(MarketplaceFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/api/me")]
    [InlineData("/api/no-such-thing")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync(new Uri(path, UriKind.Relative), Ct);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cross_origin_requests_are_allowed_only_from_configured_origins()
    {
        await using var configured = new GatewayFactory(postgres: false, new Dictionary<string, string> { ["GRAINMARKET_CORS_ORIGINS"] = "https://shop.example.com" });
        using var client = configured.CreateClient();

        var allowed = await PreflightAsync(client, "https://shop.example.com");
        var refused = await PreflightAsync(client, "https://evil.example.net");

        Assert.Equal("https://shop.example.com", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_body_over_one_megabyte_is_refused_with_413()
    {
        using var client = factory.CreateClient();
        var huge = new string('a', 1_100_000);

        var response = await client.PostAsJsonAsync("/api/auth/register", new { email = "big@grainmarket.test", password = huge, displayName = "Big" }, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Deeply_nested_JSON_is_refused_with_400()
    {
        using var client = factory.CreateClient();
        var nested = new StringBuilder("{\"email\":\"deep@grainmarket.test\",\"password\":\"long enough\",\"displayName\":\"Deep\",\"x\":");
        nested.Append(new string('[', 200)).Append(new string(']', 200)).Append('}');

        var response = await client.PostAsync(new Uri("/api/auth/register", UriKind.Relative), new StringContent(nested.ToString(), Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Production_refuses_to_start_without_a_JWT_key()
    {
        await using var production = new ProductionWithoutKey();

        var failure = Assert.ThrowsAny<Exception>(() => production.CreateClient());

        Assert.Contains("GRAINMARKET_JWT_KEY", failure.ToString(), StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> PreflightAsync(HttpClient client, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/auth/login");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        return client.SendAsync(request, Ct);
    }

    private sealed class ProductionWithoutKey() : GatewayFactory(postgres: false, new Dictionary<string, string> { ["GRAINMARKET_JWT_KEY"] = "" })
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }
}
