using System.Net;
using System.Text.Json;
using GrainMarket.Gateway.Tests.Orders;
using GrainMarket.Gateway.Tests.Support;
using Npgsql;

namespace GrainMarket.Gateway.Tests.Auctions;

/// <summary>Auctions through the public API: listing, approval, bids, and reads of the wallets and holds for assertions.</summary>
public sealed class AuctionHouse(GatewayFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public Shop Shop { get; } = new(factory);

    /// <summary>Lists an auction for <paramref name="seller"/> and has an admin approve it (live unless it starts later).</summary>
    public async Task<Guid> LiveAsync(
        TestUser seller, long startingPrice = 1_00, long? reservePrice = null, long? buyNowPrice = null, TimeSpan? duration = null, int softCloseSeconds = 0, int? maxExtensions = null,
        string? settlementMode = null, double? paymentDeadlineHours = null)
    {
        var category = await Shop.CategoryAsync();
        var created = await Json.ReadAsync(
            await seller.Client.SendAsync(
                Shop.Post("/api/auctions", new
                {
                    title = "A brass telescope",
                    description = "Victorian, with its case.",
                    categoryId = category,
                    images = new[] { "https://img.example/telescope.jpg" },
                    startingPrice,
                    reservePrice,
                    buyNowPrice,
                    endsAt = DateTimeOffset.UtcNow + (duration ?? TimeSpan.FromHours(1)),
                    softCloseSeconds,
                    maxExtensions,
                    settlementMode,
                    paymentDeadlineHours,
                }, Guid.NewGuid().ToString()),
                Ct),
            HttpStatusCode.Created);
        Assert.Equal("pending-approval", created.GetProperty("status").GetString());
        var id = created.GetProperty("id").GetGuid();
        using var admin = await TestUsers.AdminAsync(factory);
        var approved = await Json.ReadAsync(await admin.Client.PostAsync(new Uri($"/api/admin/auctions/{id}/approve", UriKind.Relative), null, Ct));
        Assert.Equal("live", approved.GetProperty("status").GetString());
        return id;
    }

    public static async Task<HttpResponseMessage> BidAsync(TestUser bidder, Guid auctionId, long amount, long? maxAmount = null, string? key = null) =>
        await bidder.Client.SendAsync(Shop.Post($"/api/auctions/{auctionId}/bids", new { amount, maxAmount }, key ?? Guid.NewGuid().ToString()), Ct);

    public static async Task<JsonElement> AcceptedBidAsync(TestUser bidder, Guid auctionId, long amount, long? maxAmount = null) =>
        await Json.ReadAsync(await BidAsync(bidder, auctionId, amount, maxAmount), HttpStatusCode.Created);

    public static Task<JsonElement> GetAsync(TestUser user, Guid auctionId) => GetAsync(user.Client, auctionId);

    public static async Task<JsonElement> GetAsync(HttpClient client, Guid auctionId) =>
        await Json.ReadAsync(await client.GetAsync(new Uri($"/api/auctions/{auctionId}", UriKind.Relative), Ct));

    /// <summary>The auction's hold in the user's wallet as the ledger read model has it: what was raised minus what was released or captured.</summary>
    public static async Task<long> HeldAsync(Guid userId, Guid auctionId)
    {
        var dataSource = await TestDatabase.GetDataSourceAsync(Ct);
        await using var command = dataSource.CreateCommand(
            "SELECT coalesce(sum(CASE WHEN type = 'HOLD' THEN amount WHEN type IN ('RELEASE', 'CAPTURE') THEN -amount ELSE 0 END), 0)::bigint FROM ledger_entries WHERE wallet_id = $1 AND reference = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = userId.ToString("D") });
        command.Parameters.Add(new NpgsqlParameter { Value = $"auction:{auctionId:N}" });
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    /// <summary>How many holds the auction ever raised or raised further, in any wallet (its <c>HOLD</c> entries in the ledger read model).</summary>
    public static async Task<long> HoldsRaisedAsync(Guid auctionId)
    {
        var dataSource = await TestDatabase.GetDataSourceAsync(Ct);
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM ledger_entries WHERE reference = $1 AND type = 'HOLD'");
        command.Parameters.Add(new NpgsqlParameter { Value = $"auction:{auctionId:N}" });
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    /// <summary>The bidder's maximum as the auction's read model remembers it (<c>auction_bidders</c>); 0 when it has none.</summary>
    public static async Task<long> RememberedMaxAsync(Guid userId, Guid auctionId)
    {
        var dataSource = await TestDatabase.GetDataSourceAsync(Ct);
        await using var command = dataSource.CreateCommand("SELECT coalesce((SELECT max_amount FROM auction_bidders WHERE auction_id = $1 AND bidder_id = $2), 0)");
        command.Parameters.Add(new NpgsqlParameter { Value = auctionId });
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    /// <summary>Waits (up to 15 s) until <paramref name="read"/> returns <paramref name="expected"/>: holds owed back are released after the bid is acknowledged.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, T expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        T value;
        while (!EqualityComparer<T>.Default.Equals(value = await read(), expected) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, Ct);
        }

        return value;
    }
}
