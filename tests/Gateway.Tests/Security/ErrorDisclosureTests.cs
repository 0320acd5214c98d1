using System.Net;
using System.Net.Http.Headers;
using GrainMarket.Common;
using GrainMarket.Gateway.Tests.Support;
using GrainMarket.Silo.Extensions;
using Npgsql;

namespace GrainMarket.Gateway.Tests.Security;

/// <summary>Issue #24, item 19: what the gateway tells a stranger — no token diagnostics, no server name, no API map outside Development.</summary>
public sealed class ErrorDisclosureTests(MarketplaceFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_refused_token_s_401_does_not_say_what_was_wrong_with_it()
    {
        using var user = await TestUsers.CreateAsync(factory);
        var token = user.Client.DefaultRequestHeaders.Authorization!.Parameter!;
        var forged = token[..^4] + (token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", forged);

        var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = string.Join(", ", response.Headers.WwwAuthenticate.Select(h => h.ToString()));
        Assert.StartsWith("Bearer", challenge, StringComparison.Ordinal);
        Assert.DoesNotContain("error_description", challenge, StringComparison.Ordinal);
        Assert.DoesNotContain("signature", challenge, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Responses_carry_no_Server_header()
    {
        await using var kestrel = new GatewayFactory(postgres: false);
        kestrel.UseKestrel(0);
        kestrel.StartServer();
        using var client = kestrel.CreateClient();

        var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Headers.Server);
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task In_Development_the_OpenAPI_document_and_Swagger_UI_are_served_to_anyone()
    {
        using var anonymous = factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri("/swagger/index.html", UriKind.Relative), Ct)).StatusCode);
    }

    [Fact]
    public async Task Outside_Development_the_OpenAPI_document_and_Swagger_UI_are_for_admins_only()
    {
        await using var production = await IsolatedFactory.StartAsync(new Dictionary<string, string>(), Ct, environment: "Production");
        using var anonymous = production.CreateClient();
        using var buyer = await TestUsers.CreateAsync(production);
        using var admin = await TestUsers.AdminAsync(production);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await buyer.Client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri("/swagger/index.html", UriKind.Relative), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await buyer.Client.GetAsync(new Uri("/swagger/index.html", UriKind.Relative), Ct)).StatusCode);
        var document = await admin.Client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        Assert.Contains("\"openapi\"", await document.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.GetAsync(new Uri("/swagger/index.html", UriKind.Relative), Ct)).StatusCode);
    }

    [Fact]
    public void PostgreSQL_error_details_stay_out_of_exceptions_even_when_the_connection_string_asks_for_them()
    {
        var configured = DatabaseExtensions.WithConnectionDefaults("Host=db;Username=app;Password=secret;Include Error Detail=true");

        Assert.False(new NpgsqlConnectionStringBuilder(configured).IncludeErrorDetail);
    }
}
