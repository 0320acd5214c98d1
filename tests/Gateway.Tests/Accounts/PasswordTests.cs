using System.Net;
using System.Net.Http.Json;
using GrainMarket.Gateway.Tests.Support;
using Npgsql;

namespace GrainMarket.Gateway.Tests.Accounts;

public sealed class PasswordTests(MarketplaceFactory factory)
{
    private const string NewPassword = "a brand new passphrase";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_password_change_keeps_this_session_and_ends_the_others()
    {
        using var user = await TestUsers.CreateAsync(factory);
        using var other = await TestUsers.LoginAsync(factory, user.Email, user.Password);

        var pair = await Json.ReadAsync(await user.Client.PostAsJsonAsync("/api/auth/password/change", new { currentPassword = user.Password, newPassword = NewPassword }, Ct));

        user.Client.DefaultRequestHeaders.Authorization = new("Bearer", pair.GetProperty("accessToken").GetString());
        Assert.Equal(HttpStatusCode.OK, (await user.Client.GetAsync(new Uri("/api/me", UriKind.Relative), Ct)).StatusCode);
        await Problems.AssertAsync(await other.Client.GetAsync(new Uri("/api/me", UriKind.Relative), Ct), HttpStatusCode.Unauthorized, "session-ended");
        using var client = factory.CreateClient();
        await Problems.AssertAsync(await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = user.Password }, Ct), HttpStatusCode.Unauthorized, "invalid-credentials");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = NewPassword }, Ct)).StatusCode);
    }

    [Fact]
    public async Task A_password_change_needs_the_current_password()
    {
        using var user = await TestUsers.CreateAsync(factory);

        var response = await user.Client.PostAsJsonAsync("/api/auth/password/change", new { currentPassword = "not my password", newPassword = NewPassword }, Ct);

        // Not a 401: a client must not take a mistyped password for the end of its session, which stands.
        await Problems.AssertAsync(response, HttpStatusCode.Forbidden, "current-password-wrong", "currentPassword");
        Assert.Equal(HttpStatusCode.OK, (await user.Client.GetAsync(new Uri("/api/me", UriKind.Relative), Ct)).StatusCode);
    }

    [Fact]
    public async Task Forgotten_password_answers_202_for_any_address_and_mails_a_single_use_token_only_to_accounts()
    {
        using var user = await TestUsers.CreateAsync(factory);
        using var client = factory.CreateClient();
        var stranger = $"nobody-{Guid.NewGuid():N}@grainmarket.test";

        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/api/auth/password/forgot", new { email = stranger }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/api/auth/password/forgot", new { email = user.Email.ToUpperInvariant() }, Ct)).StatusCode);

        Assert.Empty(await OutboxAsync(stranger));
        var token = ResetToken(Assert.Single(await OutboxAsync(user.Email)));

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync("/api/auth/password/reset", new { token, newPassword = NewPassword }, Ct)).StatusCode);
        await Problems.AssertAsync(await client.PostAsJsonAsync("/api/auth/password/reset", new { token, newPassword = "yet another passphrase" }, Ct), HttpStatusCode.BadRequest, "invalid-reset-token", "token");

        // The reset ended every session and set the new password.
        await Problems.AssertAsync(await user.Client.GetAsync(new Uri("/api/me", UriKind.Relative), Ct), HttpStatusCode.Unauthorized, "session-ended");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = NewPassword }, Ct)).StatusCode);
    }

    [Fact]
    public async Task A_made_up_reset_token_is_refused()
    {
        using var user = await TestUsers.CreateAsync(factory);
        using var client = factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/auth/password/reset", new { token = $"{user.Id:N}.forged-secret", newPassword = NewPassword }, Ct);

        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "invalid-reset-token", "token");
    }

    [Fact]
    public async Task Wrong_current_passwords_lock_the_account_like_failed_logins()
    {
        using var user = await TestUsers.CreateAsync(factory);
        for (var i = 0; i < 5; i++)
        {
            await Problems.AssertAsync(await user.Client.PostAsJsonAsync("/api/auth/password/change", new { currentPassword = $"guess number {i}", newPassword = NewPassword }, Ct), HttpStatusCode.Forbidden, "current-password-wrong", "currentPassword");
        }

        // Locked: even the right current password waits, and so does a login with it.
        var locked = await user.Client.PostAsJsonAsync("/api/auth/password/change", new { currentPassword = user.Password, newPassword = NewPassword }, Ct);

        await Problems.AssertAsync(locked, HttpStatusCode.TooManyRequests, "too-many-attempts");
        Assert.InRange(int.Parse(locked.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 300);
        using var client = factory.CreateClient();
        await Problems.AssertAsync(await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = user.Password }, Ct), HttpStatusCode.Unauthorized, "invalid-credentials");
        await Problems.AssertAsync(await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = NewPassword }, Ct), HttpStatusCode.Unauthorized, "invalid-credentials");
    }

    [Fact]
    public async Task A_password_change_ends_a_reset_token_mailed_before_it()
    {
        using var user = await TestUsers.CreateAsync(factory);
        using var client = factory.CreateClient();
        var token = await RequestResetAsync(client, user.Email, expectedMails: 1);

        await Json.ReadAsync(await user.Client.PostAsJsonAsync("/api/auth/password/change", new { currentPassword = user.Password, newPassword = NewPassword }, Ct));

        await Problems.AssertAsync(await client.PostAsJsonAsync("/api/auth/password/reset", new { token, newPassword = "the thief's passphrase" }, Ct), HttpStatusCode.BadRequest, "invalid-reset-token", "token");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = NewPassword }, Ct)).StatusCode);
    }

    [Fact]
    public async Task A_password_reset_ends_the_token_it_used()
    {
        using var user = await TestUsers.CreateAsync(factory);
        using var client = factory.CreateClient();
        var token = await RequestResetAsync(client, user.Email, expectedMails: 1);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync("/api/auth/password/reset", new { token, newPassword = NewPassword }, Ct)).StatusCode);

        await Problems.AssertAsync(await client.PostAsJsonAsync("/api/auth/password/reset", new { token, newPassword = "the thief's passphrase" }, Ct), HttpStatusCode.BadRequest, "invalid-reset-token", "token");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = NewPassword }, Ct)).StatusCode);
    }

    [Fact]
    public async Task A_newer_reset_token_ends_the_older_one()
    {
        using var user = await TestUsers.CreateAsync(factory);
        using var client = factory.CreateClient();
        var older = await RequestResetAsync(client, user.Email, expectedMails: 1);
        var newer = await RequestResetAsync(client, user.Email, expectedMails: 2);

        await Problems.AssertAsync(await client.PostAsJsonAsync("/api/auth/password/reset", new { token = older, newPassword = "the thief's passphrase" }, Ct), HttpStatusCode.BadRequest, "invalid-reset-token", "token");
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync("/api/auth/password/reset", new { token = newer, newPassword = NewPassword }, Ct)).StatusCode);
    }

    [Fact]
    public async Task Blocking_an_account_ends_its_reset_token()
    {
        using var user = await TestUsers.CreateAsync(factory);
        using var admin = await TestUsers.AdminAsync(factory);
        using var client = factory.CreateClient();
        var token = await RequestResetAsync(client, user.Email, expectedMails: 1);

        await Json.ReadAsync(await admin.Client.PatchAsJsonAsync($"/api/admin/users/{user.Id}", new { blocked = true }, Ct));
        await Json.ReadAsync(await admin.Client.PatchAsJsonAsync($"/api/admin/users/{user.Id}", new { blocked = false }, Ct));

        // Unblocked again, the account keeps its password: the token mailed before the block sets none.
        await Problems.AssertAsync(await client.PostAsJsonAsync("/api/auth/password/reset", new { token, newPassword = NewPassword }, Ct), HttpStatusCode.BadRequest, "invalid-reset-token", "token");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = user.Password }, Ct)).StatusCode);
    }

    /// <summary>Asks for a reset e-mail and returns the token of the newest one (the outbox then holds <paramref name="expectedMails"/>).</summary>
    private static async Task<string> RequestResetAsync(HttpClient client, string email, int expectedMails)
    {
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/api/auth/password/forgot", new { email }, Ct)).StatusCode);
        var mails = await OutboxAsync(email);
        Assert.Equal(expectedMails, mails.Count);
        return ResetToken(mails[^1]);
    }

    private static async Task<List<string>> OutboxAsync(string recipient)
    {
        var dataSource = await TestDatabase.GetDataSourceAsync(Ct);
        await using var command = dataSource.CreateCommand("SELECT body FROM email_outbox WHERE recipient = $1 AND kind = 'password-reset' ORDER BY created_at");
        command.Parameters.Add(new NpgsqlParameter { Value = recipient });
        var bodies = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            bodies.Add(reader.GetString(0));
        }

        return bodies;
    }

    private static string ResetToken(string body) => body.Split('\n', StringSplitOptions.TrimEntries).Single(line => line.Length > 40 && line.Contains('.', StringComparison.Ordinal) && !line.Contains(' ', StringComparison.Ordinal));
}
