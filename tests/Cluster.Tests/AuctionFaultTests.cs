using System.Collections.Concurrent;
using GrainMarket.Auctions;
using GrainMarket.Orders;
using GrainMarket.Wallets;
using Npgsql;

namespace GrainMarket.Cluster.Tests;

/// <summary>Racing bidders while the silo that hosts the auction is killed: no acknowledged bid is lost and no hold is stranded.</summary>
public sealed class AuctionFaultTests
{
    private const int Bidders = 12;
    private const long Funds = 10_000_000;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Killing_the_auctions_silo_loses_no_acknowledged_bid_and_strands_no_hold()
    {
        await using var cluster = await TestCluster.StartAsync(silos: 3, Ct);
        var grains = cluster.Client;
        var (auctionId, auction) = await LiveAuctionOnAsync(cluster, cluster.Silos[1]);
        var bidders = await FundedBiddersAsync(grains, Bidders);

        // Every bidder bids the next minimum until told to stop; the auction's silo dies half-way.
        var acknowledged = new ConcurrentBag<(Guid Bidder, long Amount)>();
        using var stop = new CancellationTokenSource();
        var workload = bidders.Select(bidder => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var minimum = (await auction.GetAsync())!.MinNextBid;
                    var placed = await auction.PlaceBidAsync(new PlaceBid(Guid.NewGuid(), bidder, minimum, null));
                    if (placed.Succeeded)
                    {
                        acknowledged.Add((bidder, minimum));
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // Unreachable, moving or deactivating: not acknowledged, so the checks below must hold whatever happened.
                    await Task.Delay(50, CancellationToken.None);
                }
            }
        }, CancellationToken.None)).ToList();

        await Task.Delay(TimeSpan.FromSeconds(3), Ct);
        var beforeKill = acknowledged.Count;
        cluster.Silos[1].Kill();
        await cluster.WaitForActiveSilosAsync(2, TestCluster.DeathTimeout * 4, Ct);
        await Task.Delay(TimeSpan.FromSeconds(3), Ct);
        await stop.CancelAsync();
        await Task.WhenAll(workload);
        Assert.True(beforeKill > 10, $"only {beforeKill} bids were acknowledged before the kill: the workload did not run");

        // Every acknowledged bid is in the history, and the price is at least the highest of them.
        var rows = await BidRowsAsync(cluster, auctionId);
        foreach (var (bidder, amount) in acknowledged)
        {
            Assert.Contains((bidder, amount), rows);
        }

        var ended = await TestCluster.RetryAfterCrashAsync(() => auction.CloseAsync(Actor.System), Ct);
        Assert.Equal(AuctionStatuses.Closed, ended.Value!.Status);
        Assert.True(ended.Value.CurrentPrice >= acknowledged.Max(a => a.Amount));
        var winner = ended.Value.WinnerId!.Value;
        var order = await TestCluster.RetryAfterCrashAsync(() => grains.GetGrain<IOrderGrain>(AuctionIds.Order(auctionId)).GetAsync(), Ct);
        Assert.Equal(ended.Value.CurrentPrice, order!.Total);

        // The winner's money is held for the order at the price; everyone else's is all available again.
        foreach (var bidder in bidders)
        {
            var balance = await TestCluster.RetryAfterCrashAsync(() => grains.GetGrain<IWalletGrain>(WalletKeys.ForUser(bidder)).GetBalanceAsync(), Ct);
            Assert.Equal(Funds, balance.Available + balance.Held);
            Assert.Equal(bidder == winner ? ended.Value.CurrentPrice : 0, balance.Held);
        }
    }

    [Fact]
    public async Task An_auction_that_ends_as_it_recovers_from_a_crash_holds_its_winner_at_the_price_alone()
    {
        await using var cluster = await TestCluster.StartAsync(silos: 2, Ct);
        var grains = cluster.Client;
        var (auctionId, auction) = await LiveAuctionOnAsync(cluster, cluster.Silos[1]);
        var bidders = await FundedBiddersAsync(grains, 2);
        var (leader, rival) = (bidders[0], bidders[1]);
        Assert.True((await auction.PlaceBidAsync(new PlaceBid(Guid.NewGuid(), leader, 1_00, 50_00))).Succeeded);
        Assert.True((await auction.PlaceBidAsync(new PlaceBid(Guid.NewGuid(), rival, 10_00, null))).Succeeded);

        // The new activation knows no hold, so it means to bring both back to what is owed a moment later; the auction
        // ends and settles meanwhile, and the winner's order cuts their hold to the price. Nothing may raise it again.
        cluster.Silos[1].Kill();
        await cluster.WaitForActiveSilosAsync(1, TestCluster.DeathTimeout * 4, Ct);
        Assert.Equal(leader, (await TestCluster.RetryAfterCrashAsync(auction.GetAsync, Ct))!.LeaderId);
        await Task.Delay(TimeSpan.FromMilliseconds(300), Ct);
        var ended = (await TestCluster.RetryAfterCrashAsync(() => auction.CloseAsync(Actor.System), Ct)).Value!;
        Assert.Equal((AuctionStatuses.Closed, leader, 10_01L), (ended.Status, ended.WinnerId, ended.CurrentPrice));
        await Task.Delay(TimeSpan.FromSeconds(4), Ct);

        Assert.Equal(new WalletBalance(Funds - 10_01, 10_01), await grains.GetGrain<IWalletGrain>(WalletKeys.ForUser(leader)).GetBalanceAsync());
        Assert.Equal(new WalletBalance(Funds, 0), await grains.GetGrain<IWalletGrain>(WalletKeys.ForUser(rival)).GetBalanceAsync());
        Assert.Equal(10_01, (await grains.GetGrain<IOrderGrain>(AuctionIds.Order(auctionId)).GetAsync())!.Total);
    }

    /// <summary>A live auction (increments of one minor unit, ending in an hour) whose grain the given silo hosts.</summary>
    private static async Task<(Guid Id, IAuctionGrain Grain)> LiveAuctionOnAsync(TestCluster cluster, SiloProcess silo)
    {
        var auctionId = Guid.NewGuid();
        var auction = cluster.Client.GetGrain<IAuctionGrain>(auctionId);
        await cluster.PlaceOnAsync(silo, auction, a => a.GetAsync(), Ct);
        var listing = new NewAuction(Guid.NewGuid(), "Fault-tolerant gavel", "Sold through silo crashes.", Guid.NewGuid(), [], 1_00, null, null, [new IncrementBand(0, 1)], null, DateTimeOffset.UtcNow.AddHours(1), 0, null);
        Assert.True((await TestCluster.RetryAfterCrashAsync(() => auction.CreateAsync(listing), Ct)).Succeeded);
        Assert.Equal(AuctionStatuses.Live, (await TestCluster.RetryAfterCrashAsync(() => auction.ApproveAsync(Actor.System), Ct)).Value!.Status);
        return (auctionId, auction);
    }

    private static async Task<Guid[]> FundedBiddersAsync(IGrainFactory grains, int count)
    {
        var bidders = Enumerable.Range(0, count).Select(_ => Guid.NewGuid()).ToArray();
        foreach (var bidder in bidders)
        {
            Assert.True((await TestCluster.RetryAfterCrashAsync(() => grains.GetGrain<IWalletGrain>(WalletKeys.ForUser(bidder)).CreditAsync($"fund:{bidder:N}", LedgerEntryTypes.Adjustment, Funds, "test funds"), Ct)).Succeeded);
        }

        return bidders;
    }

    private static async Task<HashSet<(Guid, long)>> BidRowsAsync(TestCluster cluster, Guid auctionId)
    {
        await using var command = cluster.Database.CreateCommand("SELECT bidder_id, amount FROM auction_bids WHERE auction_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = auctionId });
        var rows = new HashSet<(Guid, long)>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            rows.Add((reader.GetGuid(0), reader.GetInt64(1)));
        }

        return rows;
    }
}
