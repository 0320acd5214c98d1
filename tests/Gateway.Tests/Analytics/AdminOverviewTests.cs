using System.Net;
using System.Text.Json;
using GrainMarket.Gateway.Tests.Orders;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Analytics;

/// <summary>
/// <c>GET /api/admin/overview</c> and <c>GET /api/admin/platform/ledger</c> over <see cref="AnalyticsMarket"/>: every
/// total exact and equal to what the ledger, the ledger summary and the wallets say.
/// </summary>
[Collection(nameof(AnalyticsCollection))]
public sealed class AdminOverviewTests(AnalyticsMarket market)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_overviews_totals_equal_the_ledgers()
    {
        await market.ConfirmedAsync();
        var withdrawal = await Json.ReadAsync(await market.SellerB.Client.SendAsync(Shop.Post("/api/wallet/withdrawals", new { amount = 1_000 }, Guid.NewGuid().ToString()), Ct), HttpStatusCode.Created);
        await Confirmations.WalletAsync(market.Factory, market.SellerB.Id.ToString());
        await Confirmations.WalletAsync(market.Factory, "platform");
        var overview = await GetAsync(market.Admin, "/api/admin/overview");

        // Placed and not cancelled: 200.00 + 170.00 + 100.00 + 100.00 (the open order); captured at completion: all but the open one.
        Assert.Equal((57_000, 47_000), (overview.GetProperty("gmv").GetInt64(), overview.GetProperty("settled").GetInt64()));
        var byStatus = overview.GetProperty("ordersByStatus").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        Assert.Equal(9, byStatus.Count);
        Assert.Equal((3, 1, 1), (byStatus["completed"], byStatus["cancelled"], byStatus["placed"]));
        Assert.Equal(5, byStatus.Values.Sum());

        // The platform's ledger, read page by page: its FEE entries are the fee income, its last entry the wallet.
        var entries = await PlatformLedgerAsync(limit: 2);
        Assert.Equal([940L], new[] { entries.Where(e => e.GetProperty("type").GetString() == "FEE").Sum(e => e.GetProperty("amount").GetInt64()) });
        Assert.Equal(940, overview.GetProperty("platformFeeIncome").GetInt64());
        var platform = overview.GetProperty("platformWallet");
        var newest = entries[0];
        Assert.Equal(
            (newest.GetProperty("available").GetInt64(), newest.GetProperty("held").GetInt64()),
            (platform.GetProperty("available").GetInt64(), platform.GetProperty("held").GetInt64()));
        Assert.Equal(740, platform.GetProperty("balance").GetInt64());

        // Escrow is every hold: the open order's 100.00 and the withdrawal's 10.00, as the ledger summary says.
        var summary = await GetAsync(market.Admin, "/api/admin/ledger/summary");
        Assert.True(summary.GetProperty("conserved").GetBoolean());
        Assert.Equal((11_000, 11_000), (overview.GetProperty("escrowHeld").GetInt64(), summary.GetProperty("heldTotal").GetInt64()));

        // Settled equals what the buyers' ledgers captured for orders.
        var captured = 0L;
        foreach (var buyer in new[] { market.BuyerX, market.BuyerY })
        {
            var page = await GetAsync(buyer, "/api/wallet/ledger?limit=200");
            captured += page.GetProperty("items").EnumerateArray()
                .Where(e => e.GetProperty("type").GetString() == "CAPTURE" && e.GetProperty("reference").GetString()!.StartsWith("order:", StringComparison.Ordinal))
                .Sum(e => e.GetProperty("amount").GetInt64());
        }

        Assert.Equal(overview.GetProperty("settled").GetInt64(), captured);

        var pending = overview.GetProperty("pendingWithdrawals");
        Assert.Equal((1, 1_000L, "/api/admin/withdrawals?status=pending"), (pending.GetProperty("count").GetInt32(), pending.GetProperty("amount").GetInt64(), pending.GetProperty("link").GetString()));
        var listed = await GetAsync(market.Admin, pending.GetProperty("link").GetString()!);
        Assert.Equal(withdrawal.GetProperty("id").GetGuid(), Assert.Single(listed.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());

        var commissions = overview.GetProperty("commissions");
        Assert.Equal((0, 0L, 0, 0L), (commissions.GetProperty("paidCount").GetInt32(), commissions.GetProperty("paid").GetInt64(), commissions.GetProperty("clawedBackCount").GetInt32(), commissions.GetProperty("clawedBack").GetInt64()));
    }

    [Fact]
    public async Task Each_moderation_queue_counts_what_its_link_lists()
    {
        var overview = await GetAsync(market.Admin, "/api/admin/overview");
        var queues = overview.GetProperty("queues").EnumerateArray().ToList();
        Assert.Equal(
            ["products-pending", "auctions-pending-approval", "brands-pending", "returns-awaiting-decision", "complaints-open", "complaints-in-review"],
            queues.Select(q => q.GetProperty("name").GetString()));
        foreach (var queue in queues)
        {
            var listed = await GetAsync(market.Admin, queue.GetProperty("link").GetString()!);
            Assert.Equal((queue.GetProperty("name").GetString(), queue.GetProperty("count").GetInt32()), (queue.GetProperty("name").GetString(), listed.GetProperty("items").GetArrayLength()));
        }
    }

    [Fact]
    public async Task The_platform_ledger_pages_newest_first_with_next()
    {
        var first = await GetAsync(market.Admin, "/api/admin/platform/ledger?limit=1");
        var entry = Assert.Single(first.GetProperty("items").EnumerateArray());
        var next = first.GetProperty("next").GetString();
        Assert.NotNull(next);
        var second = await GetAsync(market.Admin, $"/api/admin/platform/ledger?limit=1&cursor={next}");
        Assert.True(Assert.Single(second.GetProperty("items").EnumerateArray()).GetProperty("id").GetInt64() < entry.GetProperty("id").GetInt64());
        await Problems.AssertAsync(await market.Admin.Client.GetAsync(new Uri("/api/admin/platform/ledger?limit=0", UriKind.Relative), Ct), HttpStatusCode.BadRequest, "validation-failed", "limit");
        await Problems.AssertAsync(await market.SellerA.Client.GetAsync(new Uri("/api/admin/platform/ledger", UriKind.Relative), Ct), HttpStatusCode.Forbidden, "forbidden");
    }

    private async Task<List<JsonElement>> PlatformLedgerAsync(int limit)
    {
        var entries = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var page = await GetAsync(market.Admin, $"/api/admin/platform/ledger?limit={limit}" + (cursor is null ? "" : $"&cursor={cursor}"));
            entries.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("next").GetString();
        }
        while (cursor is not null);
        return entries;
    }

    private static async Task<JsonElement> GetAsync(TestUser user, string path) =>
        await Json.ReadAsync(await user.Client.GetAsync(new Uri(path, UriKind.Relative), Ct));
}
