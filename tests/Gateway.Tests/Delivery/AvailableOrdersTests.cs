using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Delivery;

/// <summary>The orders ready for pickup in a courier's area, nearest first, from the orders read model.</summary>
public sealed class AvailableOrdersTests(MarketplaceFactory factory)
{
    private readonly Couriers _couriers = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Available_orders_are_those_of_the_area_nearest_first_with_unlocated_ones_last_and_page()
    {
        var (seller, product) = await _couriers.SellerAsync();
        using var _ = seller;
        using var buyer = await _couriers.Shop.BuyerAsync(100_000);
        var region = $"R-{Guid.NewGuid():N}";
        var prefix = $"Z{Random.Shared.Next(100_000, 999_999)}";

        // From the courier at (40, -75): 0.01° of latitude is about 1.11 km.
        var far = await _couriers.ReadyOrderAsync(buyer, seller, product, Couriers.Address(region, "10001", 40.05, -75.0));
        var near = await _couriers.ReadyOrderAsync(buyer, seller, product, Couriers.Address(region, $"{prefix} 1", 40.002, -75.0));
        var unlocated = await _couriers.ReadyOrderAsync(buyer, seller, product, Couriers.Address(region, $"{prefix} 2", null, null));
        var middle = await _couriers.ReadyOrderAsync(buyer, seller, product, Couriers.Address(region.ToUpperInvariant(), "10002", 40.01, -75.0));
        var elsewhere = await _couriers.ReadyOrderAsync(buyer, seller, product, Couriers.Address($"R-{Guid.NewGuid():N}", $"{prefix} 3", 40.0, -75.0));
        var notAccepted = await Json.ReadAsync(
            await buyer.Client.SendAsync(Orders.Shop.Post("/api/checkout/buy-now", new { productId = product, quantity = 1, shippingAddress = Couriers.Address(region, "10003", 40.0, -75.0) }, Guid.NewGuid().ToString()), Ct),
            HttpStatusCode.Created);
        await Confirmations.OrderAsync(factory, notAccepted.GetProperty("id").GetGuid());

        using var courier = await _couriers.CourierAsync(region, 40.0, -75.0);
        var all = await AvailableAsync(courier, "?limit=100");
        Assert.Equal([near, middle, far, unlocated], all.Select(o => o.GetProperty("id").GetGuid()));
        Assert.InRange(all[0].GetProperty("distanceMeters").GetInt64(), 220, 225);
        Assert.InRange(all[1].GetProperty("distanceMeters").GetInt64(), 1_110, 1_115);
        Assert.Equal(JsonValueKind.Null, all[3].GetProperty("distanceMeters").ValueKind);

        var first = await Json.ReadAsync(await courier.Client.GetAsync(new Uri("/api/delivery/orders/available?limit=3", UriKind.Relative), Ct));
        var cursor = first.GetProperty("next").GetString();
        var second = await AvailableAsync(courier, $"?limit=3&cursor={cursor}");
        Assert.Equal([unlocated], second.Select(o => o.GetProperty("id").GetGuid()));

        // A postal-code prefix alone selects across regions; a claimed order leaves the list.
        using var byPrefix = await _couriers.CourierAsync(region: null, 40.0, -75.0, postalCodePrefix: prefix.ToLowerInvariant());
        Assert.Equal([elsewhere, near, unlocated], (await AvailableAsync(byPrefix, "")).Select(o => o.GetProperty("id").GetGuid()));
        await Json.ReadAsync(await Couriers.StepAsync(byPrefix, near, "claim"));
        await Confirmations.OrderAsync(factory, near);
        Assert.Equal([middle, far, unlocated], (await AvailableAsync(courier, "")).Select(o => o.GetProperty("id").GetGuid()));

        // Without an area there is nothing to list.
        using var newcomer = await _couriers.CourierAsync(region: null);
        await Problems.AssertAsync(await newcomer.Client.GetAsync(new Uri("/api/delivery/orders/available", UriKind.Relative), Ct), HttpStatusCode.Conflict, "courier-area-not-set");
        await Problems.AssertAsync(await newcomer.Client.PutAsJsonAsync("/api/delivery/me/area", new { latitude = 1.0, longitude = 1.0 }, Ct), HttpStatusCode.BadRequest, "validation-failed", "region");
        await Problems.AssertAsync(await newcomer.Client.PutAsJsonAsync("/api/delivery/me/area", new { region, latitude = 91.0, longitude = 1.0 }, Ct), HttpStatusCode.BadRequest, "validation-failed", "latitude");
        await Problems.AssertAsync(await newcomer.Client.PutAsJsonAsync("/api/delivery/me/area", new { postalCodePrefix = "1%", latitude = 1.0, longitude = 1.0 }, Ct), HttpStatusCode.BadRequest, "validation-failed", "postalCodePrefix");
        await Problems.AssertAsync(await newcomer.Client.GetAsync(new Uri("/api/delivery/orders/available?cursor=nonsense!", UriKind.Relative), Ct), HttpStatusCode.BadRequest, "validation-failed", "cursor");
    }

    private static async Task<JsonElement[]> AvailableAsync(TestUser courier, string query) =>
        [.. (await Json.ReadAsync(await courier.Client.GetAsync(new Uri($"/api/delivery/orders/available{query}", UriKind.Relative), Ct))).GetProperty("items").EnumerateArray()];
}
