using GrainMarket.Catalog;
using GrainMarket.Common;
using GrainMarket.Delivery;
using GrainMarket.Orders;
using GrainMarket.Wallets;

namespace GrainMarket.Cluster.Tests;

/// <summary>A transaction whose calls leave the coordinator's silo and come back to it (A → B → A).</summary>
public sealed class CrossSiloSettlementTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_settlement_paying_a_wallet_on_the_coordinators_silo_through_a_wallet_on_another_silo_pays_it()
    {
        await using var cluster = await TestCluster.StartAsync(silos: 2, Ct);
        var (a, b) = (cluster.Silos[0], cluster.Silos[1]);
        var grains = cluster.Client;

        // The order (coordinator) and the seller's wallet on silo A, the buyer's wallet on silo B: completing the order
        // captures on B, and B credits the seller on A inside the same transaction.
        var (orderId, seller, buyer) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await cluster.PlaceOnAsync(a, grains.GetGrain<IOrderGrain>(orderId), o => o.GetAsync(), Ct);
        await cluster.PlaceOnAsync(a, grains.GetGrain<IWalletGrain>(WalletKeys.ForUser(seller)), w => w.GetBalanceAsync(), Ct);
        await cluster.PlaceOnAsync(b, grains.GetGrain<IWalletGrain>(WalletKeys.ForUser(buyer)), w => w.GetBalanceAsync(), Ct);
        var category = await grains.GetGrain<ICategoryTreeGrain>("all").CreateAsync($"settle-{Guid.NewGuid():N}", null);
        var productId = Guid.NewGuid();
        Assert.True((await grains.GetGrain<IProductGrain>(productId).CreateAsync(new NewProduct(seller, "Boomerang", "Comes back.", category.Value!.Id, 1_000, 5, []))).Succeeded);
        Assert.True((await grains.GetGrain<IWalletGrain>(WalletKeys.ForUser(buyer)).CreditAsync($"fund:{buyer:N}", LedgerEntryTypes.Adjustment, 5_000, "funds")).Succeeded);
        var order = grains.GetGrain<IOrderGrain>(orderId);
        Assert.True((await order.PlaceAsync(new PlaceOrder(buyer, [new CartLine(productId, 2)], new ShippingAddress("1 Loop", "Round", "", "1", "NL")))).Succeeded);
        foreach (var step in new Func<Actor, Task<Result<OrderView>>>[] { order.AcceptAsync, order.ShipAsync })
        {
            Assert.True((await step(new Actor(seller, IsAdmin: false))).Succeeded);
        }

        Assert.True((await grains.GetGrain<IOrderDeliveryGrain>(orderId).ConfirmDeliveryAsync(new Actor(buyer, IsAdmin: false))).Succeeded);

        var completed = await order.CompleteAsync(new Actor(buyer, IsAdmin: false));

        Assert.Equal(OrderStatuses.Completed, completed.Value?.Status);
        Assert.Equal(new WalletBalance(1_960, 0), await grains.GetGrain<IWalletGrain>(WalletKeys.ForUser(seller)).GetBalanceAsync());
        Assert.Equal(new WalletBalance(3_000, 0), await grains.GetGrain<IWalletGrain>(WalletKeys.ForUser(buyer)).GetBalanceAsync());
    }
}
