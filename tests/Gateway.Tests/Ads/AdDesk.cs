using System.Net;
using System.Text.Json;
using GrainMarket.Ads;
using GrainMarket.Gateway.Tests.Orders;
using GrainMarket.Gateway.Tests.Support;
using GrainMarket.Wallets;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans;

namespace GrainMarket.Gateway.Tests.Ads;

/// <summary>A funded seller of the <see cref="AdMarket"/>, its admin, and the ad deal's steps through the public API; ledger sums by reference.</summary>
public sealed class AdDesk : IDisposable
{
    private AdDesk(AdMarket market, TestUser seller, TestUser admin) => (Market, Seller, Admin) = (market, seller, admin);

    public AdMarket Market { get; }

    public GatewayFactory Factory => Market.Factory;

    public TestUser Seller { get; }

    public TestUser Admin { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A seller with <paramref name="funds"/> in their wallet.</summary>
    public static async Task<AdDesk> OpenAsync(AdMarket market, long funds)
    {
        ArgumentNullException.ThrowIfNull(market);
        var seller = await TestUsers.CreateAsync(market.Factory, "seller");
        var admin = await TestUsers.AdminAsync(market.Factory);
        await Json.ReadAsync(await admin.Client.SendAsync(Shop.Post($"/api/admin/wallets/{seller.Id}/credits", new { amount = funds, reason = "test funds" }, Guid.NewGuid().ToString()), Ct));
        return new AdDesk(market, seller, admin);
    }

    /// <summary>A new advertiser (an account with the buyer role, no money).</summary>
    public Task<TestUser> AdvertiserAsync() => TestUsers.CreateAsync(Factory, "buyer");

    public Task<HttpResponseMessage> PostAsync(long budget, DateTimeOffset deadline, string? key = null) =>
        Seller.Client.SendAsync(Shop.Post("/api/ads/opportunities", new { title = "Unbox our kettle", brief = "A 60-second unboxing on your channel.", budget, deadline }, key ?? Guid.NewGuid().ToString()), Ct);

    public async Task<Guid> PostedAsync(long budget, DateTimeOffset? deadline = null) =>
        (await Json.ReadAsync(await PostAsync(budget, deadline ?? DateTimeOffset.UtcNow.AddDays(7)), HttpStatusCode.Created)).GetProperty("id").GetGuid();

    /// <summary>The advertiser applies; answers their engagement's id.</summary>
    public static async Task<Guid> ApplyAsync(TestUser advertiser, Guid opportunityId, long proposedAmount)
    {
        var view = await Json.ReadAsync(await advertiser.Client.SendAsync(
            Shop.Post($"/api/ads/opportunities/{opportunityId}/applications", new { pitch = "40k followers who cook.", proposedAmount }, Guid.NewGuid().ToString()), Ct));
        return Assert.Single(view.GetProperty("engagements").EnumerateArray()).GetProperty("id").GetGuid();
    }

    public Task<HttpResponseMessage> AcceptAsync(Guid opportunityId, Guid engagementId, long agreedAmount) =>
        Seller.Client.SendAsync(Shop.Post(Step(opportunityId, engagementId, "accept"), new { agreedAmount }, null), Ct);

    public static Task<HttpResponseMessage> ProofAsync(TestUser advertiser, Guid opportunityId, Guid engagementId, long views) =>
        advertiser.Client.SendAsync(Shop.Post(Step(opportunityId, engagementId, "proof"), new { link = "https://video.example/watch?v=kettle", stats = new { views, clicks = views / 10 } }, null), Ct);

    public static Task<HttpResponseMessage> ApproveAsync(TestUser user, Guid opportunityId, Guid engagementId, string? key = null) =>
        user.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, Step(opportunityId, engagementId, "approve")) { Headers = { { "Idempotency-Key", key ?? Guid.NewGuid().ToString() } } }, Ct);

    public Task<HttpResponseMessage> RejectAsync(Guid opportunityId, Guid engagementId, string reason) =>
        Seller.Client.SendAsync(Shop.Post(Step(opportunityId, engagementId, "reject"), new { reason }, null), Ct);

    public Task<HttpResponseMessage> CancelAsync(Guid opportunityId) =>
        Seller.Client.PostAsync(new Uri($"/api/ads/opportunities/{opportunityId}/cancel", UriKind.Relative), null, Ct);

    public static async Task<JsonElement> GetAsync(TestUser user, string path) => await Json.ReadAsync(await user.Client.GetAsync(new Uri(path, UriKind.Relative), Ct));

    public Task<JsonElement> OpportunityAsync(Guid opportunityId) => GetAsync(Seller, $"/api/ads/opportunities/{opportunityId}");

    public static JsonElement Engagement(JsonElement opportunity, Guid engagementId) =>
        opportunity.GetProperty("engagements").EnumerateArray().Single(e => e.GetProperty("id").GetGuid() == engagementId);

    /// <summary>(available, held) of the user's wallet.</summary>
    public static async Task<(long Available, long Held)> WalletAsync(TestUser user)
    {
        var wallet = await Shop.WalletAsync(user);
        return (wallet.GetProperty("available").GetInt64(), wallet.GetProperty("held").GetInt64());
    }

    /// <summary>The opportunity's read-model rows are stored with its state: waits for its confirmation, then they can be read.</summary>
    public async Task ConfirmedAsync(Guid opportunityId) =>
        await StoredState.ConfirmedAsync(Market.Database, Grains.GetGrain<IAdOpportunityGrain>(opportunityId).GetGrainId(), "opportunity", Ct);

    /// <summary>What the ledger of <paramref name="walletId"/> holds of <paramref name="type"/> under the opportunity's reference, once the wallet confirmed.</summary>
    public Task<long> LedgerSumAsync(string walletId, string type, Guid opportunityId) => LedgerSumAsync(walletId, type, AdIds.Reference(opportunityId));

    /// <summary>What the ledger of <paramref name="walletId"/> holds of <paramref name="type"/> under <paramref name="reference"/>, once the wallet confirmed.</summary>
    public async Task<long> LedgerSumAsync(string walletId, string type, string reference)
    {
        var database = Market.Database;
        await StoredState.ConfirmedAsync(database, Grains.GetGrain<IWalletGrain>(walletId).GetGrainId(), "wallet", Ct);
        await using var command = database.CreateCommand("SELECT coalesce(sum(amount), 0)::bigint FROM ledger_entries WHERE wallet_id = $1 AND type = $2 AND reference = $3");
        command.Parameters.Add(new NpgsqlParameter { Value = walletId });
        command.Parameters.Add(new NpgsqlParameter { Value = type });
        command.Parameters.Add(new NpgsqlParameter { Value = reference });
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    /// <summary>The ids of the user's <c>ad-updated</c> notifications about the opportunity, sorted.</summary>
    public static async Task<IReadOnlyList<string>> NotificationsAsync(TestUser user, Guid opportunityId)
    {
        var page = await GetAsync(user, "/api/notifications?limit=100");
        return [.. page.GetProperty("items").EnumerateArray()
            .Where(n => n.GetProperty("type").GetString() == "ad-updated" && n.GetProperty("id").GetString()!.StartsWith($"ad:{opportunityId:N}:", StringComparison.Ordinal))
            .Select(n => n.GetProperty("id").GetString()!)
            .Order(StringComparer.Ordinal)];
    }

    public async Task AssertAuditConsistentAsync()
    {
        var audit = await GetAsync(Admin, "/api/admin/audit");
        Assert.True(audit.GetProperty("consistent").GetBoolean(), audit.ToString());
    }

    public void Dispose()
    {
        Seller.Dispose();
        Admin.Dispose();
    }

    private IGrainFactory Grains => Factory.Services.GetRequiredService<IGrainFactory>();

    private static string Step(Guid opportunityId, Guid engagementId, string step) => $"/api/ads/opportunities/{opportunityId}/engagements/{engagementId}/{step}";
}
