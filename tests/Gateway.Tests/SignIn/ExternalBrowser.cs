using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace GrainMarket.Gateway.Tests.SignIn;

/// <summary>
/// A browser for external sign-ins: it keeps the gateway's cookies, follows no redirect by itself, and goes to the
/// provider over real HTTP. Each step is a method, so a test can tamper with the URL in between.
/// </summary>
public sealed partial class ExternalBrowser : IDisposable
{
    private readonly HttpClient _provider = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });

    private ExternalBrowser(HttpClient gateway, CookieContainer cookies)
    {
        Gateway = gateway;
        CookieJar = cookies;

        // As a browser's script would send it: writes with session cookies must come from the site itself.
        Gateway.DefaultRequestHeaders.Add("Origin", "https://localhost");
    }

    /// <summary>The browser's cookies; a browser of another gateway given the same jar is the same browser (one site behind a load balancer).</summary>
    public CookieContainer CookieJar { get; }

    public static ExternalBrowser For<TEntryPoint>(WebApplicationFactory<TEntryPoint> factory, CookieContainer? cookies = null)
        where TEntryPoint : class
    {
        ArgumentNullException.ThrowIfNull(factory);
        cookies ??= new CookieContainer();
        return new ExternalBrowser(factory.CreateDefaultClient(new Uri("https://localhost"), new CookieContainerHandler(cookies)), cookies);
    }

    /// <summary>The gateway as this browser sees it (its cookies sent along).</summary>
    public HttpClient Gateway { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Starts a sign-in and answers the provider's authorization URL it redirected to.</summary>
    public async Task<Uri> StartAsync(string provider, string returnUrl = "/account")
    {
        using var start = await Gateway.GetAsync(new Uri($"/api/auth/external/{provider}?return_url={Uri.EscapeDataString(returnUrl)}", UriKind.Relative), Ct);
        Assert.True(start.StatusCode == HttpStatusCode.Found, $"The start answered {(int)start.StatusCode}: {await start.Content.ReadAsStringAsync(Ct)}");
        return start.Headers.Location!;
    }

    /// <summary>The provider approves: its answer, a redirect to the callback or a form to post to it, as a request to send to the gateway.</summary>
    public async Task<HttpRequestMessage> AuthorizeAsync(Uri authorizeUrl)
    {
        using var answer = await _provider.GetAsync(authorizeUrl, Ct);
        if (answer.StatusCode == HttpStatusCode.Redirect || answer.StatusCode == HttpStatusCode.Found)
        {
            return new HttpRequestMessage(HttpMethod.Get, answer.Headers.Location);
        }

        var html = await answer.Content.ReadAsStringAsync(Ct);
        Assert.True(answer.StatusCode == HttpStatusCode.OK, $"The provider answered {(int)answer.StatusCode}: {html}");
        var action = WebUtility.HtmlDecode(FormAction().Match(html).Groups[1].Value);
        var fields = HiddenInput().Matches(html).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
        return new HttpRequestMessage(HttpMethod.Post, action) { Content = new FormUrlEncodedContent(fields) };
    }

    /// <summary>Sends the provider's answer to the gateway's callback (the handler's step).</summary>
    public Task<HttpResponseMessage> CallbackAsync(HttpRequestMessage callback) => Gateway.SendAsync(callback, Ct);

    /// <summary>Follows the callback's redirect to the completion step.</summary>
    public async Task<HttpResponseMessage> CompleteAsync(HttpResponseMessage callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        Assert.True(callback.StatusCode == HttpStatusCode.Found, $"The callback answered {(int)callback.StatusCode}: {await callback.Content.ReadAsStringAsync(Ct)}");
        return await Gateway.GetAsync(callback.Headers.Location, Ct);
    }

    /// <summary>The whole sign-in; answers the completion step's response.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string provider, string returnUrl = "/account")
    {
        using var callback = await AuthorizeAsync(await StartAsync(provider, returnUrl));
        using var answer = await CallbackAsync(callback);
        return await CompleteAsync(answer);
    }

    public void Dispose()
    {
        Gateway.Dispose();
        _provider.Dispose();
    }

    [GeneratedRegex("<form[^>]*action=\"([^\"]*)\"")]
    private static partial Regex FormAction();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenInput();
}
