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
        await Problems.AssertAsync(await other.Client.GetAsync(new Uri("/api/me", UriKind.Relative), Ct), HttpStatusCode.Unauthorized, "unauthenticated");
        using var client = factory.CreateClient();
        await Problems.AssertAsync(await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = user.Password }, Ct), HttpStatusCode.Unauthorized, "invalid-credentials");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = NewPassword }, Ct)).StatusCode);
    }

    [Fact]
    public async Task A_password_change_needs_the_current_password()
    {
        using var user = await TestUsers.CreateAsync(factory);

        var response = await user.Client.PostAsJsonAsync("/api/auth/password/change", new { currentPassword = "not my password", newPassword = NewPassword }, Ct);

        await Problems.AssertAsync(response, HttpStatusCode.Unauthorized, "invalid-credentials", "currentPassword");
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
        await Problems.AssertAsync(await user.Client.GetAsync(new Uri("/api/me", UriKind.Relative), Ct), HttpStatusCode.Unauthorized, "unauthenticated");
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

    private static async Task<List<string>> OutboxAsync(string recipient)
    {
        var dataSource = await TestDatabase.GetDataSourceAsync(Ct);
        await using var command = dataSource.CreateCommand("SELECT body FROM email_outbox WHERE recipient = $1");
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
