using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GrainMarket.Gateway.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GrainMarket.Gateway.Tests.SignIn;

/// <summary>
/// Sign-in with Google (its handler) and an OpenID Connect provider (by configuration) against the stand-in provider,
/// through real redirects, state (the handlers' correlation cookie), PKCE and one-time codes.
/// </summary>
public sealed class ExternalSignInTests(SignInMarket market, MarketplaceFactory unconfigured) : IClassFixture<SignInMarket>
{
    private const string Password = "correct horse battery";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Only_the_configured_providers_are_offered()
    {
        using var client = market.Factory.CreateClient();
        var providers = await Json.ReadAsync(await client.GetAsync(new Uri("/api/auth/providers", UriKind.Relative), Ct), HttpStatusCode.OK);
        Assert.Equal(["acme:Acme ID:/api/auth/external/acme", "facebook:Facebook:/api/auth/external/facebook", "google:Google:/api/auth/external/google", "x:X:/api/auth/external/x"],
            providers.EnumerateArray().Select(p => $"{p.GetProperty("name").GetString()}:{p.GetProperty("displayName").GetString()}:{p.GetProperty("start").GetString()}"));

        using var plain = unconfigured.CreateClient();
        var none = await Json.ReadAsync(await plain.GetAsync(new Uri("/api/auth/providers", UriKind.Relative), Ct), HttpStatusCode.OK);
        Assert.Equal(0, none.GetArrayLength());
        await Problems.AssertAsync(await plain.GetAsync(new Uri("/api/auth/external/google", UriKind.Relative), Ct), HttpStatusCode.NotFound, "not-found", "provider");
    }

    [Fact]
    public async Task A_first_google_sign_in_creates_a_buyer_whose_session_cookies_work()
    {
        var user = NewUser();
        using var browser = ExternalBrowser.For(market.Factory);
        using var done = await browser.SignInAsync("google", "/account?tab=orders");

        Assert.Equal(HttpStatusCode.Found, done.StatusCode);
        Assert.Equal("/account?tab=orders", done.Headers.Location!.OriginalString);
        Assert.Contains(done.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-gm_access=", StringComparison.Ordinal) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));
        var me = await Json.ReadAsync(await browser.Gateway.GetAsync(new Uri("/api/me", UriKind.Relative), Ct), HttpStatusCode.OK);
        Assert.Equal(user.Email, me.GetProperty("email").GetString());
        Assert.Equal("Ext Ernal", me.GetProperty("displayName").GetString());
        Assert.Equal(["buyer"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(1, await AccountsWithAsync(user.Email));

        var logins = await Json.ReadAsync(await browser.Gateway.GetAsync(new Uri("/api/me/logins", UriKind.Relative), Ct), HttpStatusCode.OK);
        Assert.False(logins.GetProperty("hasPassword").GetBoolean());
        Assert.Equal([("google", user.Email)], logins.GetProperty("logins").EnumerateArray().Select(l => (l.GetProperty("provider").GetString(), l.GetProperty("email").GetString())));

        // The only way in cannot be unlinked.
        await Problems.AssertAsync(await browser.Gateway.DeleteAsync(new Uri("/api/me/logins/google", UriKind.Relative), Ct), HttpStatusCode.Conflict, "last-sign-in-method", "provider");
    }

    [Fact]
    public async Task A_second_sign_in_with_the_same_identity_goes_into_the_same_account()
    {
        var user = NewUser();
        var first = await SignedInUserIdAsync("google");
        var second = await SignedInUserIdAsync("google");

        Assert.Equal(first, second);
        Assert.Equal(1, await AccountsWithAsync(user.Email));
    }

    [Fact]
    public async Task An_OpenID_Connect_provider_from_configuration_signs_in_with_a_verified_id_token()
    {
        var user = NewUser();
        var userId = await SignedInUserIdAsync("acme");

        Assert.Equal(userId, await SignedInUserIdAsync("acme"));
        Assert.Equal(1, await AccountsWithAsync(user.Email));
    }

    [Fact]
    public async Task X_through_the_OAuth_handler_makes_an_account_without_an_e_mail()
    {
        NewUser();
        using var browser = ExternalBrowser.For(market.Factory);
        using var done = await browser.SignInAsync("x");

        Assert.Equal(HttpStatusCode.Found, done.StatusCode);
        var me = await Json.ReadAsync(await browser.Gateway.GetAsync(new Uri("/api/me", UriKind.Relative), Ct), HttpStatusCode.OK);
        Assert.Equal("", me.GetProperty("email").GetString());
        Assert.Equal("Ext Ernal", me.GetProperty("displayName").GetString());
        Assert.Equal(me.GetProperty("id").GetGuid(), await SignedInUserIdAsync("x"));
        var logins = await Json.ReadAsync(await browser.Gateway.GetAsync(new Uri("/api/me/logins", UriKind.Relative), Ct), HttpStatusCode.OK);
        Assert.Equal([("x", JsonValueKind.Null)], logins.GetProperty("logins").EnumerateArray().Select(l => (l.GetProperty("provider").GetString(), l.GetProperty("email").ValueKind)));
    }

    [Fact]
    public async Task Facebook_through_the_OAuth_handler_makes_an_account_from_its_graph_profile()
    {
        var user = NewUser();
        using var browser = ExternalBrowser.For(market.Factory);
        using var done = await browser.SignInAsync("facebook");

        Assert.Equal(HttpStatusCode.Found, done.StatusCode);
        var me = await Json.ReadAsync(await browser.Gateway.GetAsync(new Uri("/api/me", UriKind.Relative), Ct), HttpStatusCode.OK);
        Assert.Equal(user.Email, me.GetProperty("email").GetString());
        Assert.Equal(user.Name, me.GetProperty("displayName").GetString());
        Assert.Equal(me.GetProperty("id").GetGuid(), await SignedInUserIdAsync("facebook"));
        var logins = await Json.ReadAsync(await browser.Gateway.GetAsync(new Uri("/api/me/logins", UriKind.Relative), Ct), HttpStatusCode.OK);
        Assert.Equal(["facebook"], logins.GetProperty("logins").EnumerateArray().Select(l => l.GetProperty("provider").GetString()));
    }

    [Fact]
    public async Task A_password_login_to_an_account_made_by_a_provider_is_refused_as_slowly_as_a_wrong_password()
    {
        var user = NewUser();
        await SignedInUserIdAsync("google");
        var hasher = market.Factory.Services.GetRequiredService<GrainMarket.Accounts.PasswordHasher>();
        using var client = market.Factory.CreateClient();
        var before = hasher.Derivations;

        await Problems.AssertAsync(await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = Password }, Ct), HttpStatusCode.Unauthorized, "invalid-credentials");
        Assert.Equal(1L, hasher.Derivations - before);
    }

    [Fact]
    public async Task A_tampered_state_is_refused_with_a_problem_and_creates_no_account()
    {
        var user = NewUser();
        using var browser = ExternalBrowser.For(market.Factory);
        using var callback = await browser.AuthorizeAsync(await browser.StartAsync("google"));
        var url = callback.RequestUri!.ToString();
        using var tampered = new HttpRequestMessage(HttpMethod.Get, url[..(url.IndexOf("state=", StringComparison.Ordinal) + 6)] + "forged-state");

        await Problems.AssertAsync(await browser.CallbackAsync(tampered), HttpStatusCode.BadRequest, "external-sign-in-failed");
        Assert.Equal(0, await AccountsWithAsync(user.Email));
    }

    [Fact]
    public async Task A_callback_brought_to_another_browser_fails_the_state_check_and_creates_no_account()
    {
        var user = NewUser();
        using var victim = ExternalBrowser.For(market.Factory);
        using var attacker = ExternalBrowser.For(market.Factory);
        using var callback = await attacker.AuthorizeAsync(await attacker.StartAsync("google"));
        var refusals = market.StandIn.Refusals.Count;

        // The victim has no correlation cookie for the attacker's state (login CSRF): refused before the code is even exchanged.
        await Problems.AssertAsync(await victim.CallbackAsync(callback), HttpStatusCode.BadRequest, "external-sign-in-failed");
        Assert.Equal(0, await AccountsWithAsync(user.Email));
        Assert.Equal(refusals, market.StandIn.Refusals.Count);

        // The code itself is still unspent: the attacker's own browser completes with it.
        using var answer = await attacker.CallbackAsync(new HttpRequestMessage(HttpMethod.Get, callback.RequestUri));
        using var done = await attacker.CompleteAsync(answer);
        Assert.Equal(HttpStatusCode.Found, done.StatusCode);
        Assert.Equal(1, await AccountsWithAsync(user.Email));
    }

    [Fact]
    public async Task A_replayed_code_is_refused_by_the_provider_and_signs_nobody_in()
    {
        var first = NewUser();
        using var browser = ExternalBrowser.For(market.Factory);
        using var firstCallback = await browser.AuthorizeAsync(await browser.StartAsync("google"));
        var usedCode = Query(firstCallback.RequestUri!, "code");
        using (var answer = await browser.CallbackAsync(firstCallback))
        {
            using var done = await browser.CompleteAsync(answer);
            Assert.Equal(HttpStatusCode.Found, done.StatusCode);
        }

        // A new sign-in (a fresh state of this browser's) carrying the code already spent by the first.
        var second = NewUser();
        using var secondCallback = await browser.AuthorizeAsync(await browser.StartAsync("google"));
        var url = secondCallback.RequestUri!.ToString().Replace(Query(secondCallback.RequestUri!, "code"), usedCode, StringComparison.Ordinal);
        var refusals = market.StandIn.Refusals.Count;
        using var replayed = await browser.CallbackAsync(new HttpRequestMessage(HttpMethod.Get, url));

        await Problems.AssertAsync(replayed, HttpStatusCode.BadRequest, "external-sign-in-failed");
        Assert.DoesNotContain(replayed.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("__Host-gm_", StringComparison.Ordinal) && !c.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(["invalid_grant: code unknown or already used"], market.StandIn.Refusals.Skip(refusals));
        Assert.Equal(1, await AccountsWithAsync(first.Email));
        Assert.Equal(0, await AccountsWithAsync(second.Email));
    }

    [Fact]
    public async Task A_wrong_PKCE_verifier_is_refused_and_creates_no_account()
    {
        var user = NewUser();
        using var browser = ExternalBrowser.For(market.Factory);
        var authorize = (await browser.StartAsync("google")).ToString();
        var challenge = Query(new Uri(authorize), "code_challenge");
        var refusals = market.StandIn.Refusals.Count;

        // The provider is told another challenge than the one the handler's verifier answers.
        using var callback = await browser.AuthorizeAsync(new Uri(authorize.Replace(challenge, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", StringComparison.Ordinal)));

        await Problems.AssertAsync(await browser.CallbackAsync(callback), HttpStatusCode.BadRequest, "external-sign-in-failed");
        Assert.Equal(["invalid_grant: PKCE code_verifier does not match the code_challenge"], market.StandIn.Refusals.Skip(refusals));
        Assert.Equal(0, await AccountsWithAsync(user.Email));
    }

    [Fact]
    public async Task An_existing_email_gets_a_link_ticket_that_links_only_with_the_right_password()
    {
        var user = NewUser();
        var registered = await RegisterAsync(user.Email);
        using var browser = ExternalBrowser.For(market.Factory);
        using var done = await browser.SignInAsync("google");

        Assert.Equal(HttpStatusCode.Found, done.StatusCode);
        var location = done.Headers.Location!.OriginalString;
        Assert.StartsWith("/account#link_ticket=", location, StringComparison.Ordinal);
        Assert.EndsWith($"&email={Uri.EscapeDataString(user.Email)}", location, StringComparison.Ordinal);
        Assert.False(done.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("__Host-gm_access=", StringComparison.Ordinal)));
        var ticket = Uri.UnescapeDataString(location.Split('#')[1].Split('&')[0]["link_ticket=".Length..]);

        using var anonymous = market.Factory.CreateClient();
        await Problems.AssertAsync(await anonymous.PostAsJsonAsync("/api/auth/external/link", new { ticket, password = "not the password" }, Ct), HttpStatusCode.Unauthorized, "invalid-credentials");
        await Problems.AssertAsync(await anonymous.PostAsJsonAsync("/api/auth/external/link", new { ticket = ticket + "x", password = Password }, Ct), HttpStatusCode.BadRequest, "invalid-link-ticket", "ticket");
        await Problems.AssertAsync(await browser.Gateway.GetAsync(new Uri("/api/me", UriKind.Relative), Ct), HttpStatusCode.Unauthorized, "unauthenticated");

        var linked = await Json.ReadAsync(await anonymous.PostAsJsonAsync("/api/auth/external/link", new { ticket, password = Password }, Ct), HttpStatusCode.OK);
        Assert.Equal(registered, linked.GetProperty("user").GetProperty("id").GetGuid());
        Assert.False(string.IsNullOrEmpty(linked.GetProperty("accessToken").GetString()));
        await Problems.AssertAsync(await anonymous.PostAsJsonAsync("/api/auth/external/link", new { ticket, password = Password }, Ct), HttpStatusCode.BadRequest, "invalid-link-ticket", "ticket");

        // Linked: the provider now goes straight in, to the same account, and the account lists it beside its password.
        Assert.Equal(registered, await SignedInUserIdAsync("google"));
        Assert.Equal(1, await AccountsWithAsync(user.Email));
        using var again = ExternalBrowser.For(market.Factory);
        using var signedIn = await again.SignInAsync("google");
        var logins = await Json.ReadAsync(await again.Gateway.GetAsync(new Uri("/api/me/logins", UriKind.Relative), Ct), HttpStatusCode.OK);
        Assert.True(logins.GetProperty("hasPassword").GetBoolean());
        Assert.Equal(["google"], logins.GetProperty("logins").EnumerateArray().Select(l => l.GetProperty("provider").GetString()));

        // With a password left, the identity may be unlinked; the next sign-in with it asks for the link again.
        Assert.Equal(HttpStatusCode.NoContent, (await again.Gateway.DeleteAsync(new Uri("/api/me/logins/google", UriKind.Relative), Ct)).StatusCode);
        await Problems.AssertAsync(await again.Gateway.DeleteAsync(new Uri("/api/me/logins/google", UriKind.Relative), Ct), HttpStatusCode.NotFound, "not-found", "provider");
        using var afterUnlink = ExternalBrowser.For(market.Factory);
        using var relink = await afterUnlink.SignInAsync("google");
        Assert.StartsWith("/account#link_ticket=", relink.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_blocked_account_cannot_sign_in_with_a_provider()
    {
        NewUser();
        var userId = await SignedInUserIdAsync("google");
        using (var admin = await TestUsers.AdminAsync(market.Factory))
        {
            using var blocked = await admin.Client.PatchAsJsonAsync($"/api/admin/users/{userId}", new { blocked = true }, Ct);
            Assert.Equal(HttpStatusCode.OK, blocked.StatusCode);
        }

        using var browser = ExternalBrowser.For(market.Factory);
        using var done = await browser.SignInAsync("google");
        await Problems.AssertAsync(done, HttpStatusCode.Forbidden, "account-blocked");
        Assert.False(done.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("__Host-gm_access=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_return_address_must_be_local_or_on_a_configured_origin()
    {
        using var client = market.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        foreach (var bad in new[] { "https://evil.test/steal", "//evil.test/steal", "/\\evil.test", "/account#x", "javascript:alert(1)" })
        {
            await Problems.AssertAsync(await client.GetAsync(new Uri($"/api/auth/external/google?return_url={Uri.EscapeDataString(bad)}", UriKind.Relative), Ct), HttpStatusCode.BadRequest, "validation-failed", "return_url");
        }

        using var allowed = await client.GetAsync(new Uri($"/api/auth/external/google?return_url={Uri.EscapeDataString("https://shop.grainmarket.test/account")}", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Found, allowed.StatusCode);
        Assert.StartsWith($"{market.StandIn.Issuer}/authorize?", allowed.Headers.Location!.ToString(), StringComparison.Ordinal);
        await Problems.AssertAsync(await client.GetAsync(new Uri("/api/auth/external/google/complete", UriKind.Relative), Ct), HttpStatusCode.BadRequest, "external-sign-in-failed");
    }

    [Fact]
    public async Task A_sign_in_started_on_one_gateway_completes_on_another()
    {
        var user = NewUser();
        await using var second = await SecondGateway.StartAsync(market.Factory, Ct, market.Settings);
        using var first = ExternalBrowser.For(market.Factory);
        using var callback = await first.AuthorizeAsync(await first.StartAsync("google"));

        // The provider's redirect reaches the other gateway, with the cookies the first one set (one site to the browser).
        using var other = ExternalBrowser.For(second, first.CookieJar);

        using var answer = await other.CallbackAsync(callback);
        using var done = await other.CompleteAsync(answer);
        Assert.Equal(HttpStatusCode.Found, done.StatusCode);
        Assert.Equal(1, await AccountsWithAsync(user.Email));
        Assert.True(await KeysStoredAsync() >= 1, "The data-protection key ring is not in PostgreSQL.");
    }

    /// <summary>A new user at the stand-in, approved by its next authorizations.</summary>
    private StandInUser NewUser()
    {
        market.StandIn.User = StandInUser.New();
        return market.StandIn.User;
    }

    /// <summary>Signs the stand-in's user in with <paramref name="provider"/> in a new browser and answers the account's id.</summary>
    private async Task<Guid> SignedInUserIdAsync(string provider)
    {
        using var browser = ExternalBrowser.For(market.Factory);
        using var done = await browser.SignInAsync(provider);
        Assert.True(done.StatusCode == HttpStatusCode.Found && done.Headers.Location!.OriginalString == "/account", $"The sign-in answered {(int)done.StatusCode} {done.Headers.Location}: {await done.Content.ReadAsStringAsync(Ct)}");
        var me = await Json.ReadAsync(await browser.Gateway.GetAsync(new Uri("/api/me", UriKind.Relative), Ct), HttpStatusCode.OK);
        return me.GetProperty("id").GetGuid();
    }

    private async Task<Guid> RegisterAsync(string email)
    {
        using var client = market.Factory.CreateClient();
        using var registered = await client.PostAsJsonAsync("/api/auth/register", new { email, password = Password, displayName = "Pass Word" }, Ct);
        Assert.True(registered.IsSuccessStatusCode, await registered.Content.ReadAsStringAsync(Ct));
        using var user = await TestUsers.LoginAsync(market.Factory, email, Password);
        return user.Id;
    }

    private async Task<long> AccountsWithAsync(string email)
    {
        await using var connection = new NpgsqlConnection(IsolatedFactory.ConnectionStringOf(market.Factory.Schema));
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM users WHERE lower(email) = lower($1)", connection) { Parameters = { new() { Value = email } } };
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    private async Task<long> KeysStoredAsync()
    {
        await using var connection = new NpgsqlConnection(IsolatedFactory.ConnectionStringOf(market.Factory.Schema));
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM data_protection_keys", connection);
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    private static string Query(Uri uri, string name) =>
        Uri.UnescapeDataString(uri.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).First(p => p[0] == name)[1]);
}
