using System.Net;
using System.Net.Http.Json;
using GrainMarket.ApiGateway.Apis.Audit;
using GrainMarket.ApiGateway.Apis.Wallets;
using GrainMarket.Gateway.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace GrainMarket.Gateway.Tests.Operations;

/// <summary>
/// Who sees the operator pages: the Orleans Dashboard (open in Development only) and the conservation audit (admins
/// only, as JSON and as a page), signed in the way a browser is, with the login's cookies.
/// </summary>
public sealed class OperatorPagesTests(MarketplaceFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Only_an_admin_may_read_the_audit()
    {
        using var anonymous = factory.CreateClient();
        using var buyer = await TestUsers.CreateAsync(factory, "buyer");
        foreach (var path in new[] { "/api/admin/audit", "/admin/audit" })
        {
            await Problems.AssertAsync(await anonymous.GetAsync(new Uri(path, UriKind.Relative), Ct), HttpStatusCode.Unauthorized, "unauthenticated");
            await Problems.AssertAsync(await buyer.Client.GetAsync(new Uri(path, UriKind.Relative), Ct), HttpStatusCode.Forbidden, "forbidden");
        }
    }

    [Fact]
    public async Task In_Development_the_dashboard_is_open()
    {
        using var anonymous = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var page = await anonymous.GetAsync(new Uri("/dashboard/", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task In_Production_the_dashboard_at_its_configured_path_and_the_audit_page_refuse_all_but_a_signed_in_admin()
    {
        await using var production = await IsolatedFactory.StartAsync(new Dictionary<string, string> { ["GRAINMARKET_DASHBOARD_PATH"] = "/ops/orleans" }, Ct, environment: "Production");
        using var buyer = await TestUsers.CreateAsync(production, "buyer");
        using var anonymous = Browser(production);
        using var buyerBrowser = await SignedInAsync(production, buyer.Email, buyer.Password);
        using var adminBrowser = await SignedInAsync(production, MarketplaceFactory.AdminEmail, MarketplaceFactory.AdminPassword);

        foreach (var path in new[] { "/ops/orleans/", "/ops/orleans", "/admin/audit" })
        {
            await Problems.AssertAsync(await anonymous.GetAsync(new Uri(path, UriKind.Relative), Ct), HttpStatusCode.Unauthorized, "unauthenticated");
            await Problems.AssertAsync(await buyerBrowser.GetAsync(new Uri(path, UriKind.Relative), Ct), HttpStatusCode.Forbidden, "forbidden");
        }

        using var dashboard = await adminBrowser.GetAsync(new Uri("/ops/orleans/", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Equal("text/html", dashboard.Content.Headers.ContentType?.MediaType);
        Assert.Contains("index.min.js", await dashboard.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        // The dashboard's scripts come from its own path, which its content policy allows.
        Assert.Contains("script-src 'self'", dashboard.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await adminBrowser.GetAsync(new Uri("/dashboard/", UriKind.Relative), Ct)).StatusCode);

        using var audit = await adminBrowser.GetAsync(new Uri("/admin/audit", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
        Assert.Equal("text/html", audit.Content.Headers.ContentType?.MediaType);
        var html = await audit.Content.ReadAsStringAsync(Ct);
        Assert.Contains("<h1>GrainMarket conservation audit: consistent</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<td>escrow-owned</td><td>yes</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_audit_page_encodes_every_value_it_shows()
    {
        var books = new LedgerSummaryResponse("<b>", 1, 0, 1, 0, true);
        var check = new AuditCheck("<i>name</i>", false, "a & b", 1, 2, 1, 1, [new AuditDifference("<script>alert(1)</script>", "\"held\"", 1, 2, 1, "<img src=x>")]);
        var html = AuditPage.Render(new AuditResponse(false, DateTimeOffset.UnixEpoch, books, [check]));

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<i>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("a &amp; b", html, StringComparison.Ordinal);
        Assert.Contains("<h1>GrainMarket conservation audit: NOT consistent</h1>", html, StringComparison.Ordinal);
    }

    /// <summary>A client that keeps cookies and speaks HTTPS, as a browser would (the login's cookies are Secure).</summary>
    private static HttpClient Browser(GatewayFactory factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), HandleCookies = true, AllowAutoRedirect = false });

    private static async Task<HttpClient> SignedInAsync(GatewayFactory factory, string email, string password)
    {
        var browser = Browser(factory);
        await Json.ReadAsync(await browser.PostAsJsonAsync("/api/auth/login?use_cookies=true", new { email, password }, Ct));
        return browser;
    }
}
