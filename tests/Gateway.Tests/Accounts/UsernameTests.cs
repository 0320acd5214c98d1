using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GrainMarket.Common;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Accounts;

/// <summary>Usernames: chosen in the profile, unique ignoring case, released on a change, and what chats start from.</summary>
public sealed class UsernameTests(MarketplaceFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_username_is_unique_ignoring_case_a_taken_one_changes_nothing_and_a_changed_one_is_free_again()
    {
        using var first = await TestUsers.CreateAsync(factory);
        using var second = await TestUsers.CreateAsync(factory);
        var name = $"Ali_{Guid.NewGuid():N}"[..24];

        var chosen = await PatchAsync(first, new { username = name });
        Assert.Equal(name.ToLowerInvariant(), chosen.GetProperty("username").GetString());
        Assert.Equal(name.ToLowerInvariant(), (await Json.ReadAsync(await first.Client.GetAsync(new Uri("/api/me", UriKind.Relative), Ct))).GetProperty("username").GetString());

        // Taken, in another case: 409, and the display name sent with it is not applied either.
        var before = (await Json.ReadAsync(await second.Client.GetAsync(new Uri("/api/me", UriKind.Relative), Ct))).GetProperty("displayName").GetString();
        using (var taken = await second.Client.PatchAsJsonAsync("/api/me", new { username = name.ToUpperInvariant(), displayName = "Someone Else" }, Ct))
        {
            await Problems.AssertAsync(taken, HttpStatusCode.Conflict, ErrorCodes.UsernameTaken, "username");
        }

        var after = await Json.ReadAsync(await second.Client.GetAsync(new Uri("/api/me", UriKind.Relative), Ct));
        Assert.Equal(before, after.GetProperty("displayName").GetString());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("username").ValueKind);

        // Choosing the same name again changes nothing; a new one frees the old for others.
        Assert.Equal(name.ToLowerInvariant(), (await PatchAsync(first, new { username = name })).GetProperty("username").GetString());
        await PatchAsync(first, new { username = name + "x" });
        Assert.Equal(name.ToLowerInvariant(), (await PatchAsync(second, new { username = name })).GetProperty("username").GetString());
        using var third = await TestUsers.CreateAsync(factory);
        using var stillTaken = await third.Client.PatchAsJsonAsync("/api/me", new { username = name + "X" }, Ct);
        await Problems.AssertAsync(stillTaken, HttpStatusCode.Conflict, ErrorCodes.UsernameTaken, "username");
    }

    [Theory]
    [InlineData("ab", "must be 3 to 30 characters")]
    [InlineData("a234567890123456789012345678901", "must be 3 to 30 characters")]
    [InlineData("1abc", "must start with a letter")]
    [InlineData("ali khan", "may hold only ASCII letters, digits and underscores")]
    [InlineData("ali-khan", "may hold only ASCII letters, digits and underscores")]
    [InlineData("\u0430li_khan", "must start with a letter")]
    [InlineData("ali\u0307khan", "may hold only ASCII letters, digits and underscores")]
    [InlineData("Admin", "is reserved")]
    public async Task A_username_against_the_rule_is_refused_naming_the_field(string username, string rule)
    {
        using var user = await TestUsers.CreateAsync(factory);
        using var refused = await user.Client.PatchAsJsonAsync("/api/me", new { username }, Ct);
        var problem = await Problems.AssertAsync(refused, HttpStatusCode.BadRequest, ErrorCodes.Validation, "username");
        Assert.Contains(rule, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chat_starts_from_a_username_and_the_directory_finds_people_by_username_prefix()
    {
        using var seller = await TestUsers.CreateAsync(factory, Roles.Seller);
        using var buyer = await TestUsers.CreateAsync(factory);
        var name = $"kiln_{Guid.NewGuid():N}"[..28];
        await PatchAsync(seller, new { username = name, displayName = "Pottery Corner" });

        using var started = await buyer.Client.PostAsJsonAsync("/api/conversations", new { username = name.ToUpperInvariant() }, Ct);
        Assert.Equal(seller.Id, (await Json.ReadAsync(started)).GetProperty("peerId").GetGuid());
        using var unknown = await buyer.Client.PostAsJsonAsync("/api/conversations", new { username = name + "zz" }, Ct);
        await Problems.AssertAsync(unknown, HttpStatusCode.NotFound, ErrorCodes.UserNotFound, "username");

        var found = (await Json.ReadAsync(await buyer.Client.GetAsync(new Uri($"/api/users/search?q={name[..20]}", UriKind.Relative), Ct))).GetProperty("items");
        var match = Assert.Single(found.EnumerateArray());
        Assert.Equal((seller.Id, name, "Pottery Corner"), (match.GetProperty("id").GetGuid(), match.GetProperty("username").GetString(), match.GetProperty("displayName").GetString()));
    }

    private static async Task<JsonElement> PatchAsync(TestUser user, object body)
    {
        using var response = await user.Client.PatchAsJsonAsync("/api/me", body, Ct);
        return await Json.ReadAsync(response);
    }
}
