using System.Net;
using GrainMarket.Gateway.Tests.Orders;
using GrainMarket.Gateway.Tests.Shipping;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Delivery;

/// <summary>
/// Shipping and couriers together, on a silo with a shipping zone (the shared marketplace ships free): the quote the
/// buyer pays as the order's shipping charge is what the courier who proved the delivery and the platform share.
/// </summary>
public sealed class CourierPayTests(ShippingMarket market) : IClassFixture<ShippingMarket>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_courier_who_proves_the_delivery_gets_their_share_of_the_charged_shipping_and_the_platform_the_rest()
    {
        using var admin = await TestUsers.AdminAsync(market.Factory);
        await ShippingMarket.ZoneAsync(admin, ShippingMarket.ZoneBody("Illinois", "US", regions: ["IL"], weights: [(null, 1_250)]));
        var couriers = new Couriers(market.Factory);
        var (seller, product) = await couriers.SellerAsync(price: 10_000);
        using var _ = seller;
        using var buyer = await couriers.Shop.BuyerAsync(30_000);
        using var courier = await couriers.CourierAsync(region: "IL");

        var orderId = await couriers.ReadyOrderAsync(buyer, seller, product, Couriers.Address("IL"));
        await Json.ReadAsync(await Couriers.StepAsync(courier, orderId, "claim"));
        await Json.ReadAsync(await Couriers.StepAsync(courier, orderId, "advance"));
        await Json.ReadAsync(await Couriers.StepAsync(courier, orderId, "advance"));
        var pin = (await Couriers.ProofAsync(buyer, orderId)).GetProperty("pin").GetString();
        await Json.ReadAsync(await Couriers.ProveAsync(courier, orderId, new { pin }));
        var completed = await Json.ReadAsync(await buyer.Client.PostAsync(new Uri($"/api/orders/{orderId}/complete", UriKind.Relative), null, Ct));

        Assert.Equal(1_250, completed.GetProperty("shippingCharge").GetInt64());
        Assert.Equal(11_250, completed.GetProperty("total").GetInt64());
        Assert.Equal(30_000 - 11_250, (await Shop.WalletAsync(buyer)).GetProperty("balance").GetInt64());
        Assert.Equal(9_800, await couriers.Shop.LedgerSumAsync(seller.Id.ToString(), "PAYMENT", orderId));
        Assert.Equal(1_000, await couriers.Shop.LedgerSumAsync(courier.Id.ToString(), "PAYMENT", orderId));
        Assert.Equal(200 + 250, await couriers.Shop.LedgerSumAsync("platform", "FEE", orderId));
        var earnings = await Json.ReadAsync(await courier.Client.GetAsync(new Uri("/api/delivery/earnings", UriKind.Relative), Ct));
        Assert.Equal(1_000, Assert.Single(earnings.GetProperty("items").EnumerateArray()).GetProperty("amount").GetInt64());
        var audit = await Json.ReadAsync(await admin.Client.GetAsync(new Uri("/api/admin/audit", UriKind.Relative), Ct));
        Assert.True(audit.GetProperty("consistent").GetBoolean(), audit.ToString());
    }
}
