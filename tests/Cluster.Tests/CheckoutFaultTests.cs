using GrainMarket.Catalog;
using GrainMarket.Inventory;
using GrainMarket.Orders;
using GrainMarket.Wallets;

namespace GrainMarket.Cluster.Tests;

/// <summary>Checkouts across a cluster while one silo is killed: every order is whole (stock reserved, money held) or absent.</summary>
public sealed class CheckoutFaultTests
{
    private const long Price = 300;
    private const long Funds = 100 * Price;
    private const int Buyers = 24;

    /// <summary>Checkouts acknowledged before the silo is killed: the crash must come in the middle of a running workload.</summary>
    private const int PlacedBeforeKill = 24;

    private static readonly TimeSpan WorkloadLimit = TimeSpan.FromSeconds(90);

    private static readonly ShippingAddress Address = new("1 Market Street", "Springfield", "IL", "62701", "US");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_silo_killed_in_the_middle_of_checkouts_leaves_every_order_whole_or_absent()
    {
        await using var cluster = await TestCluster.StartAsync(silos: 3, Ct);
        var grains = cluster.Client;
        var category = await TestCluster.RetryAfterCrashAsync(() => grains.GetGrain<ICategoryTreeGrain>("all").CreateAsync($"fault-{Guid.NewGuid():N}", null), Ct);
        var productId = Guid.NewGuid();
        var created = await TestCluster.RetryAfterCrashAsync(() => grains.GetGrain<IProductGrain>(productId)
            .CreateAsync(new NewProduct(Guid.NewGuid(), "Fault-tolerant kettle", "Boils through silo crashes.", category.Value!.Id, Price, 10_000, [])), Ct);
        Assert.True(created.Succeeded, created.Error?.Detail);
        var buyers = Enumerable.Range(0, Buyers).Select(_ => Guid.NewGuid()).ToArray();
        foreach (var buyer in buyers)
        {
            var credit = await TestCluster.RetryAfterCrashAsync(() => grains.GetGrain<IWalletGrain>(WalletKeys.ForUser(buyer)).CreditAsync($"fund:{buyer:N}", LedgerEntryTypes.Adjustment, Funds, "test funds"), Ct);
            Assert.True(credit.Succeeded, credit.Error?.Detail);
        }

        // Every buyer checks out one unit at a time until told to stop; a silo dies half-way, once checkouts are being
        // acknowledged (a cluster that has just started is slow to warm up, and a fixed delay sometimes killed it first).
        var attempted = buyers.ToDictionary(b => b, _ => new List<Guid>());
        var acknowledged = 0;
        using var stop = new CancellationTokenSource();
        var workload = buyers.Select(buyer => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var orderId = Guid.NewGuid();
                attempted[buyer].Add(orderId);
                try
                {
                    if ((await grains.GetGrain<IOrderGrain>(orderId).PlaceAsync(new PlaceOrder(buyer, [new CartLine(productId, 1)], Address))).Succeeded)
                    {
                        Interlocked.Increment(ref acknowledged);
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // Refused, aborted, in doubt or unreachable: the invariants below must hold whatever happened.
                    await Task.Delay(50, CancellationToken.None);
                }
            }
        }, CancellationToken.None)).ToList();

        var running = System.Diagnostics.Stopwatch.StartNew();
        while (Volatile.Read(ref acknowledged) < PlacedBeforeKill)
        {
            Assert.True(running.Elapsed < WorkloadLimit, $"only {Volatile.Read(ref acknowledged)} checkouts acknowledged in {WorkloadLimit.TotalSeconds:F0} s: the workload did not run");
            await Task.Delay(100, Ct);
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{Volatile.Read(ref acknowledged)} checkouts acknowledged in {running.Elapsed.TotalSeconds:F1} s before the kill");
        cluster.Silos[1].Kill();
        await Task.Delay(TimeSpan.FromSeconds(3), Ct);
        await cluster.WaitForActiveSilosAsync(2, TestCluster.DeathTimeout * 4, Ct);
        await Task.Delay(TimeSpan.FromSeconds(2), Ct);
        await stop.CancelAsync();
        await Task.WhenAll(workload);

        // Every order attempted is either placed with its hold and its unit, or left no trace at all.
        long placed = 0;
        foreach (var (buyer, orderIds) in attempted)
        {
            long placedByBuyer = 0;
            foreach (var orderId in orderIds)
            {
                var order = await TestCluster.RetryAfterCrashAsync(() => grains.GetGrain<IOrderGrain>(orderId).GetAsync(), Ct);
                var hold = await TestCluster.RetryAfterCrashAsync(() => grains.GetGrain<IWalletGrain>(WalletKeys.ForUser(buyer)).GetHoldAsync(OrderIds.Hold(orderId)), Ct);
                Assert.Equal(order is not null, hold is not null);
                if (order is not null)
                {
                    Assert.Equal(OrderStatuses.Placed, order.Status);
                    Assert.Equal(Price, hold!.Amount);
                    placedByBuyer++;
                }
            }

            var balance = await TestCluster.RetryAfterCrashAsync(() => grains.GetGrain<IWalletGrain>(WalletKeys.ForUser(buyer)).GetBalanceAsync(), Ct);
            Assert.Equal(placedByBuyer * Price, balance.Held);
            Assert.Equal(Funds, balance.Available + balance.Held);
            placed += placedByBuyer;
        }

        var stock = await TestCluster.RetryAfterCrashAsync(() => grains.GetGrain<IProductStockGrain>(productId).GetAsync(), Ct);
        Assert.True(placed >= acknowledged, $"{placed} orders found placed, fewer than the {acknowledged} checkouts acknowledged");
        Assert.Equal(placed, stock.Reserved);
        Assert.Equal(10_000 - placed, stock.Available);
        Assert.True(stock.Conserved);
    }
}
