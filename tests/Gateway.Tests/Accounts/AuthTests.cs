using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using GrainMarket.Gateway.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GrainMarket.Gateway.Tests.Accounts;

public sealed class AuthTests(MarketplaceFactory factory)
{
    private const string Password = "correct horse battery";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NewEmail() => $"a-{Guid.NewGuid():N}@grainmarket.test";

    [Fact]
    public async Task Registration_creates_a_buyer_by_default()
    {
        using var client = factory.CreateClient();
        var email = NewEmail();

        // Registered addresses are concealed by default: the answer is the same 202 for every address.
        var body = await Json.ReadAsync(await client.PostAsJsonAsync("/api/auth/register", new { email, password = Password, displayName = "Ann" }, Ct), HttpStatusCode.Accepted);
        Assert.Equal(email, body.GetProperty("email").GetString());

        using var user = await TestUsers.LoginAsync(factory, email, Password);
        var me = await Json.ReadAsync(await user.Client.GetAsync(new Uri("/api/me", UriKind.Relative), Ct));
        Assert.Equal(["buyer"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("buyer", me.GetProperty("activeRole").GetString());
        Assert.NotEqual(Guid.Empty, me.GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_gateway_that_does_not_conceal_registered_addresses_answers_201_with_the_account()
    {
        await using var open = new GatewayFactory(postgres: false, new Dictionary<string, string> { ["GRAINMARKET_CONCEAL_REGISTERED_EMAILS"] = "false" });
        using var client = open.CreateClient();
        var email = NewEmail();

        var body = await Json.ReadAsync(await client.PostAsJsonAsync("/api/auth/register", new { email, password = Password, displayName = "Ann" }, Ct), HttpStatusCode.Created);

        Assert.Equal(email, body.GetProperty("email").GetString());
        Assert.Equal(["buyer"], body.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.NotEqual(Guid.Empty, body.GetProperty("id").GetGuid());
        var again = await client.PostAsJsonAsync("/api/auth/register", new { email = " " + email.ToUpperInvariant(), password = Password, displayName = "Bob" }, Ct);
        await Problems.AssertAsync(again, HttpStatusCode.Conflict, "email-taken", "email");
    }

    [Fact]
    public async Task An_e_mail_address_registers_once_whatever_its_case()
    {
        using var client = factory.CreateClient();
        var email = NewEmail();
        await Json.ReadAsync(await client.PostAsJsonAsync("/api/auth/register", new { email, password = Password, displayName = "Ann" }, Ct), HttpStatusCode.Accepted);

        // Concealed (202, as for a new address), but no second account: the first password is the only one.
        await Json.ReadAsync(await client.PostAsJsonAsync("/api/auth/register", new { email = " " + email.ToUpperInvariant(), password = "another passphrase", displayName = "Bob" }, Ct), HttpStatusCode.Accepted);

        await Problems.AssertAsync(await client.PostAsJsonAsync("/api/auth/login", new { email, password = "another passphrase" }, Ct), HttpStatusCode.Unauthorized, "invalid-credentials");
        using var first = await TestUsers.LoginAsync(factory, email, Password);
    }

    [Theory]
    [InlineData("not-an-email", Password, "Ann", null, "email")]
    [InlineData("", Password, "Ann", null, "email")]
    [InlineData("ok@grainmarket.test", "short", "Ann", null, "password")]
    [InlineData("ok@grainmarket.test", Password, "", null, "displayName")]
    [InlineData("ok@grainmarket.test", Password, "Ann", "wizard", "roles")]
    public async Task Registration_rejects_bad_input_naming_the_field(string email, string password, string displayName, string? role, string field)
    {
        using var client = factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/auth/register", new { email, password, displayName, roles = role is null ? null : new[] { role } }, Ct);

        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "validation-failed", field);
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("courier")]
    [InlineData("investor")]
    public async Task Registration_cannot_choose_a_role_that_an_admin_gives(string role)
    {
        using var client = factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/auth/register", new { email = NewEmail(), password = Password, displayName = "Eve", roles = new[] { "buyer", role } }, Ct);

        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "role-not-self-assignable", "roles");
    }

    [Fact]
    public async Task A_null_role_is_refused_and_claims_nothing()
    {
        using var client = factory.CreateClient();
        var email = NewEmail();

        var refused = await client.PostAsync(new Uri("/api/auth/register", UriKind.Relative), new StringContent($$"""{"email":"{{email}}","password":"{{Password}}","displayName":"Nul","roles":["buyer",null]}""", System.Text.Encoding.UTF8, "application/json"), Ct);

        await Problems.AssertAsync(refused, HttpStatusCode.BadRequest, "validation-failed", "roles");
        await Json.ReadAsync(await client.PostAsJsonAsync("/api/auth/register", new { email, password = Password, displayName = "Nul" }, Ct), HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task A_refresh_token_with_a_made_up_secret_cannot_log_anyone_out()
    {
        using var user = await TestUsers.CreateAsync(factory);
        using var client = factory.CreateClient();
        var login = await Json.ReadAsync(await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = user.Password }, Ct));
        var parts = login.GetProperty("refreshToken").GetString()!.Split('.');
        var forged = $"{parts[0]}.{parts[1]}.{parts[2]}.not-the-secret";

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync("/api/auth/logout", new { refreshToken = forged }, Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = login.GetProperty("refreshToken").GetString() }, Ct)).StatusCode);
    }

    [Fact]
    public async Task A_refresh_after_an_admin_took_the_active_role_away_carries_on_with_a_role_the_account_holds()
    {
        using var user = await TestUsers.CreateAsync(factory, "seller", "buyer");
        using var admin = await TestUsers.AdminAsync(factory);
        using var client = factory.CreateClient();
        var login = await Json.ReadAsync(await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = user.Password }, Ct));
        await Json.ReadAsync(await admin.Client.PatchAsJsonAsync($"/api/admin/users/{user.Id}", new { roles = new[] { "buyer" } }, Ct));

        var renewed = await Json.ReadAsync(await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = login.GetProperty("refreshToken").GetString() }, Ct));

        Assert.Equal("buyer", renewed.GetProperty("user").GetProperty("activeRole").GetString());
        Assert.Equal(HttpStatusCode.OK, (await Get(client, "/api/me", renewed.GetProperty("accessToken").GetString())).StatusCode);
    }

    [Fact]
    public async Task Login_returns_a_token_pair_whose_access_token_opens_the_account()
    {
        using var user = await TestUsers.CreateAsync(factory, "seller", "buyer");

        var me = await Json.ReadAsync(await user.Client.GetAsync(new Uri("/api/me", UriKind.Relative), Ct));

        Assert.Equal(user.Id, me.GetProperty("id").GetGuid());
        Assert.Equal("seller", me.GetProperty("activeRole").GetString());
        Assert.Equal(["seller", "buyer"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_address_get_the_same_answer()
    {
        using var user = await TestUsers.CreateAsync(factory);
        using var client = factory.CreateClient();

        var wrong = await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = "wrong password" }, Ct);
        var unknown = await client.PostAsJsonAsync("/api/auth/login", new { email = NewEmail(), password = Password }, Ct);

        var a = await Problems.AssertAsync(wrong, HttpStatusCode.Unauthorized, "invalid-credentials");
        var b = await Problems.AssertAsync(unknown, HttpStatusCode.Unauthorized, "invalid-credentials");
        Assert.Equal(a.GetProperty("detail").GetString(), b.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Unknown_and_known_addresses_cost_the_same_password_work_at_login_and_registration()
    {
        // A silo of its own: nobody else's logins run on its hasher while the test counts.
        await using var alone = new GatewayFactory(postgres: false, new Dictionary<string, string>());
        var hasher = alone.Services.GetRequiredService<GrainMarket.Accounts.PasswordHasher>();
        using var user = await TestUsers.CreateAsync(alone);
        using var client = alone.CreateClient();

        async Task<long> WorkAsync(Func<Task<HttpResponseMessage>> call, HttpStatusCode expected)
        {
            var before = hasher.Derivations;
            using var response = await call();
            Assert.Equal(expected, response.StatusCode);
            return hasher.Derivations - before;
        }

        // One derivation each: a wrong password, an unknown address, a new registration, and one for a taken address
        // (both 202: registered addresses are concealed by default).
        Assert.Equal(1, await WorkAsync(() => client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = "wrong password" }, Ct), HttpStatusCode.Unauthorized));
        Assert.Equal(1, await WorkAsync(() => client.PostAsJsonAsync("/api/auth/login", new { email = NewEmail(), password = Password }, Ct), HttpStatusCode.Unauthorized));
        Assert.Equal(1, await WorkAsync(() => client.PostAsJsonAsync("/api/auth/register", new { email = NewEmail(), password = Password, displayName = "New" }, Ct), HttpStatusCode.Accepted));
        Assert.Equal(1, await WorkAsync(() => client.PostAsJsonAsync("/api/auth/register", new { email = user.Email, password = Password, displayName = "Again" }, Ct), HttpStatusCode.Accepted));
    }

    [Fact]
    public async Task A_gateway_that_conceals_registered_addresses_answers_a_taken_one_as_it_answers_a_new_one()
    {
        // Concealment is the default: no setting.
        await using var concealing = new GatewayFactory(postgres: false, new Dictionary<string, string>());
        var hasher = concealing.Services.GetRequiredService<GrainMarket.Accounts.PasswordHasher>();
        using var owner = await TestUsers.CreateAsync(concealing);
        using var client = concealing.CreateClient();

        async Task<(HttpStatusCode Status, string[] Headers, string Body, long Work)> RegisterAsync(string email)
        {
            var before = hasher.Derivations;
            using var response = await client.PostAsJsonAsync("/api/auth/register", new { email, password = Password, displayName = "Curious" }, Ct);
            var headers = response.Headers.Concat(response.Content.Headers).Where(h => h.Key != "Date").Select(h => $"{h.Key}: {string.Join(',', h.Value)}").Order().ToArray();
            return (response.StatusCode, headers, (await response.Content.ReadAsStringAsync(Ct)).Replace(email, "<email>", StringComparison.Ordinal), hasher.Derivations - before);
        }

        var newcomer = NewEmail();
        var taken = await RegisterAsync(owner.Email);
        var fresh = await RegisterAsync(newcomer);

        // Status, headers, body (but for the address it echoes) and password work: nothing tells the two apart.
        Assert.Equal(HttpStatusCode.Accepted, taken.Status);
        Assert.Equal(fresh.Status, taken.Status);
        Assert.Equal(fresh.Headers, taken.Headers);
        Assert.Equal(fresh.Body, taken.Body);
        Assert.Equal((1L, 1L), (fresh.Work, taken.Work));

        // The new account is real, the taken one untouched (its password still works), and its owner was told.
        using var signedIn = await TestUsers.LoginAsync(concealing, newcomer, Password);
        using var stillOwner = await TestUsers.LoginAsync(concealing, owner.Email, owner.Password);
        var inbox = await Json.ReadAsync(await owner.Client.GetAsync(new Uri("/api/notifications", UriKind.Relative), Ct));
        Assert.Equal(["registration-attempt"], inbox.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task Anonymous_requests_to_the_account_get_401_problems()
    {
        using var client = factory.CreateClient();

        await Problems.AssertAsync(await client.GetAsync(new Uri("/api/me", UriKind.Relative), Ct), HttpStatusCode.Unauthorized, "unauthenticated");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not.a.token");
        await Problems.AssertAsync(await client.GetAsync(new Uri("/api/me", UriKind.Relative), Ct), HttpStatusCode.Unauthorized, "token-invalid");
    }

    [Fact]
    public async Task Refresh_rotates_the_pair_and_reusing_a_token_two_rotations_old_ends_the_whole_family()
    {
        using var user = await TestUsers.CreateAsync(factory);
        using var client = factory.CreateClient();
        var login = await Json.ReadAsync(await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = user.Password }, Ct));
        var first = login.GetProperty("refreshToken").GetString();

        var rotated = await Json.ReadAsync(await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = first }, Ct));
        var second = rotated.GetProperty("refreshToken").GetString();
        var access = rotated.GetProperty("accessToken").GetString();
        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.OK, (await Get(client, "/api/me", access)).StatusCode);
        var third = (await Json.ReadAsync(await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = second }, Ct))).GetProperty("refreshToken").GetString();
        var newest = await Json.ReadAsync(await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = third }, Ct));
        access = newest.GetProperty("accessToken").GetString();

        // A token spent two rotations ago comes back (stolen; no second tab holds it, grace or not): the family ends,
        // the newest pair included. (Reuse of the one just spent, after the grace, is in RefreshReuseTests.)
        await Problems.AssertAsync(await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = first }, Ct), HttpStatusCode.Unauthorized, "invalid-refresh-token");
        await Problems.AssertAsync(await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = newest.GetProperty("refreshToken").GetString() }, Ct), HttpStatusCode.Unauthorized, "invalid-refresh-token");
        await Problems.AssertAsync(await Get(client, "/api/me", access), HttpStatusCode.Unauthorized, "session-ended");

        // Other sessions of the account are untouched.
        Assert.Equal(HttpStatusCode.OK, (await user.Client.GetAsync(new Uri("/api/me", UriKind.Relative), Ct)).StatusCode);
    }

    [Fact]
    public async Task Logout_ends_the_session_of_the_access_token_and_its_refresh_token()
    {
        using var user = await TestUsers.CreateAsync(factory);
        using var client = factory.CreateClient();
        var login = await Json.ReadAsync(await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = user.Password }, Ct));
        var access = login.GetProperty("accessToken").GetString();

        using var logout = new HttpRequestMessage(HttpMethod.Post, "/api/auth/logout") { Content = JsonContent.Create(new { }) };
        logout.Headers.Authorization = new AuthenticationHeaderValue("Bearer", access);
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(logout, Ct)).StatusCode);

        await Problems.AssertAsync(await Get(client, "/api/me", access), HttpStatusCode.Unauthorized, "session-ended");
        await Problems.AssertAsync(await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = login.GetProperty("refreshToken").GetString() }, Ct), HttpStatusCode.Unauthorized, "invalid-refresh-token");
    }

    [Fact]
    public async Task A_cookie_login_sets_host_prefixed_http_only_secure_same_site_cookies_that_authenticate_and_refresh()
    {
        using var user = await TestUsers.CreateAsync(factory);
        using var client = factory.CreateClient(new() { HandleCookies = false });

        var response = await client.PostAsJsonAsync("/api/auth/login?use_cookies=true", new { email = user.Email, password = user.Password }, Ct);

        var body = await Json.ReadAsync(response);
        Assert.False(body.TryGetProperty("accessToken", out _));
        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.Equal(2, cookies.Count);
        Assert.All(cookies, c => Assert.StartsWith("__Host-", c, StringComparison.Ordinal));
        Assert.All(cookies, c => Assert.Contains("path=/;", c + ";", StringComparison.OrdinalIgnoreCase));
        Assert.All(cookies, c => Assert.DoesNotContain("domain=", c, StringComparison.OrdinalIgnoreCase));
        Assert.All(cookies, c => Assert.Contains("httponly", c, StringComparison.OrdinalIgnoreCase));
        Assert.All(cookies, c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.All(cookies, c => Assert.Contains("samesite=strict", c, StringComparison.OrdinalIgnoreCase));
        var access = Cookie(cookies, "__Host-gm_access");
        var refresh = Cookie(cookies, "__Host-gm_refresh");

        using var me = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        me.Headers.Add("Cookie", $"__Host-gm_access={access}");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(me, Ct)).StatusCode);

        // A write sent with cookies must name its origin (this gateway's own here): see CrossOriginWriteTests.
        using var renew = new HttpRequestMessage(HttpMethod.Post, "/api/auth/refresh") { Content = JsonContent.Create(new { }) };
        renew.Headers.Add("Cookie", $"__Host-gm_refresh={refresh}");
        renew.Headers.Add("Origin", "http://localhost");
        var renewed = await client.SendAsync(renew, Ct);
        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
        Assert.NotEqual(refresh, Cookie(renewed.Headers.GetValues("Set-Cookie").ToList(), "__Host-gm_refresh"));
    }

    [Fact]
    public async Task Repeated_failed_logins_lock_the_account_even_against_the_right_password()
    {
        using var user = await TestUsers.CreateAsync(factory);
        using var client = factory.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            await Problems.AssertAsync(await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = "wrong password" }, Ct), HttpStatusCode.Unauthorized, "invalid-credentials");
        }

        // Locked: even the right password is refused, with the answer an unknown address gets (EnumerationTests
        // compares the two in full), so the lock does not tell that the account exists.
        var locked = await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = user.Password }, Ct);

        await Problems.AssertAsync(locked, HttpStatusCode.Unauthorized, "invalid-credentials");
        Assert.False(locked.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task Logins_from_one_address_are_rate_limited_with_429_and_Retry_After()
    {
        await using var limited = new GatewayFactory(postgres: false, new Dictionary<string, string> { ["GRAINMARKET_LOGIN_LIMIT_PER_MINUTE"] = "3" });
        using var client = limited.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            await Problems.AssertAsync(await client.PostAsJsonAsync("/api/auth/login", new { email = NewEmail(), password = Password }, Ct), HttpStatusCode.Unauthorized, "invalid-credentials");
        }

        var refused = await client.PostAsJsonAsync("/api/auth/login", new { email = NewEmail(), password = Password }, Ct);

        await Problems.AssertAsync(refused, HttpStatusCode.TooManyRequests, "too-many-attempts");
        Assert.True(refused.Headers.Contains("Retry-After"));
    }

    private static Task<HttpResponseMessage> Get(HttpClient client, string path, string? accessToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client.SendAsync(request, Ct);
    }

    private static string Cookie(IEnumerable<string> setCookies, string name) =>
        setCookies.Select(c => c.Split(';')[0]).Single(c => c.StartsWith(name + "=", StringComparison.Ordinal))[(name.Length + 1)..];
}
