using GrainMarket.Inventory;
using GrainMarket.Orders;
using GrainMarket.Wallets;
using Microsoft.Extensions.DependencyInjection;
using Orleans;

namespace GrainMarket.Gateway.Tests.Support;

/// <summary>
/// Waits until a grain's transactional state has confirmed every transaction it took part in, before a test reads its
/// read models. Orleans answers the caller once the transaction manager has stored the commit; the other participants
/// store their confirmation, and with it their read-model rows, a moment later.
/// </summary>
public static class Confirmations
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The wallet of <paramref name="walletId"/> (a user id or <c>platform</c>): its ledger entries and balance row.</summary>
    public static Task WalletAsync(GatewayFactory factory, string walletId) => ConfirmedAsync(Grains(factory).GetGrain<IWalletGrain>(walletId), "wallet");

    /// <summary>The order: its row in the buyer's and the sellers' order lists.</summary>
    public static Task OrderAsync(GatewayFactory factory, Guid orderId) => ConfirmedAsync(Grains(factory).GetGrain<IOrderGrain>(orderId), "order");

    /// <summary>The product's stock: its line of the inventory summary.</summary>
    public static Task StockAsync(GatewayFactory factory, Guid productId) => ConfirmedAsync(Grains(factory).GetGrain<IProductStockGrain>(productId), "stock");

    /// <summary>The return: its row in the returns' lists.</summary>
    public static Task ReturnAsync(GatewayFactory factory, Guid returnId) => ConfirmedAsync(Grains(factory).GetGrain<GrainMarket.Returns.IReturnGrain>(returnId), "return");

    public static Task CouponAsync(GatewayFactory factory, string code) => ConfirmedAsync(Grains(factory).GetGrain<GrainMarket.Promotions.ICouponGrain>(code.ToUpperInvariant()), "coupon");

    private static IGrainFactory Grains(GatewayFactory factory) => factory.Services.GetRequiredService<IGrainFactory>();

    private static async Task ConfirmedAsync(IAddressable grain, string stateName) =>
        await StoredState.ConfirmedAsync(await TestDatabase.GetDataSourceAsync(Ct), grain.GetGrainId(), stateName, Ct);
}
