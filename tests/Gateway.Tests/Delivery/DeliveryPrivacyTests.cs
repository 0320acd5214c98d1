using System.Net;
using System.Text.Json;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Delivery;

/// <summary>The buyer's phone and position: the buyer, admins, and the assigned courier while the order is on its way.</summary>
public sealed class DeliveryPrivacyTests(MarketplaceFactory factory)
{
    private readonly Couriers _couriers = new(factory);

    [Fact]
    public async Task The_phone_and_position_are_hidden_from_sellers_and_other_couriers_and_from_the_courier_after_delivery()
    {
        var (seller, product) = await _couriers.SellerAsync();
        using var _ = seller;
        using var buyer = await _couriers.Shop.BuyerAsync(30_000);
        var region = $"R-{Guid.NewGuid():N}";
        var orderId = await _couriers.ReadyOrderAsync(buyer, seller, product, Couriers.Address(region, latitude: 39.7811, longitude: -89.6511));
        using var courier = await _couriers.CourierAsync(region);
        using var other = await _couriers.CourierAsync(region);
        using var admin = await TestUsers.AdminAsync(factory);

        // Before the claim, couriers see the order only in the list: no street, phone or position there.
        await Problems.AssertAsync(await courier.Client.GetAsync(new Uri($"/api/orders/{orderId}", UriKind.Relative), TestContext.Current.CancellationToken), HttpStatusCode.NotFound, "order-not-found");
        var listed = Assert.Single((await Json.ReadAsync(await courier.Client.GetAsync(new Uri("/api/delivery/orders/available", UriKind.Relative), TestContext.Current.CancellationToken))).GetProperty("items").EnumerateArray());
        Assert.Equal(orderId, listed.GetProperty("id").GetGuid());
        Assert.Equal(["id", "city", "region", "postalCode", "distanceMeters", "itemCount", "createdAt"], listed.EnumerateObject().Select(p => p.Name));
        Assert.DoesNotContain(Couriers.Street, listed.GetRawText(), StringComparison.Ordinal);

        await Json.ReadAsync(await Couriers.StepAsync(courier, orderId, "claim"));
        AssertSees(await Couriers.OrderAsync(courier, orderId));
        AssertSees(await Couriers.OrderAsync(buyer, orderId));
        AssertSees(await Couriers.OrderAsync(admin, orderId));
        AssertHidden(await Couriers.OrderAsync(seller, orderId));
        AssertHidden(await Json.ReadAsync(await seller.Client.PostAsync(new Uri($"/api/orders/{orderId}/accept", UriKind.Relative), null, TestContext.Current.CancellationToken)));
        await Problems.AssertAsync(await other.Client.GetAsync(new Uri($"/api/orders/{orderId}", UriKind.Relative), TestContext.Current.CancellationToken), HttpStatusCode.NotFound, "order-not-found");
        await Problems.AssertAsync(await Couriers.StepAsync(other, orderId, "advance"), HttpStatusCode.NotFound, "order-not-found");
        await Problems.AssertAsync(await Couriers.ProveAsync(other, orderId, new { pin = "123456" }), HttpStatusCode.NotFound, "order-not-found");

        await Json.ReadAsync(await Couriers.StepAsync(courier, orderId, "advance"));
        AssertHidden(await Json.ReadAsync(await seller.Client.PostAsync(new Uri($"/api/orders/{orderId}/proof/reset", UriKind.Relative), null, TestContext.Current.CancellationToken)));
        var pin = (await Couriers.ProofAsync(buyer, orderId)).GetProperty("pin").GetString();
        var delivered = await Json.ReadAsync(await Couriers.ProveAsync(courier, orderId, new { pin, latitude = 39.7811, longitude = -89.6511 }));
        AssertHidden(delivered);
        Assert.Equal(JsonValueKind.Null, delivered.GetProperty("delivery").GetProperty("latitude").ValueKind);
        AssertHidden(await Couriers.OrderAsync(courier, orderId));
        AssertSees(await Couriers.OrderAsync(buyer, orderId));
    }

    private static void AssertSees(JsonElement order)
    {
        var address = order.GetProperty("shippingAddress");
        Assert.Equal(Couriers.Phone, address.GetProperty("phone").GetString());
        Assert.Equal(39.7811, address.GetProperty("latitude").GetDouble());
        Assert.Equal(-89.6511, address.GetProperty("longitude").GetDouble());
    }

    private static void AssertHidden(JsonElement order)
    {
        var address = order.GetProperty("shippingAddress");
        Assert.Equal(JsonValueKind.Null, address.GetProperty("phone").ValueKind);
        Assert.Equal(JsonValueKind.Null, address.GetProperty("latitude").ValueKind);
        Assert.Equal(JsonValueKind.Null, address.GetProperty("longitude").ValueKind);
        Assert.Equal(Couriers.Street, address.GetProperty("line1").GetString());
    }
}
