using System.Net;
using System.Text.Json;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Delivery;

/// <summary>Claims: one courier per order, at most five active orders per courier, released or cancelled claims free the slot.</summary>
public sealed class CourierClaimTests(MarketplaceFactory factory)
{
    private readonly Couriers _couriers = new(factory);

    [Fact]
    public async Task Of_eight_couriers_racing_to_claim_one_order_exactly_one_wins()
    {
        var (seller, product) = await _couriers.SellerAsync();
        using var buyer = await _couriers.Shop.BuyerAsync(50_000);
        var orderId = await _couriers.ReadyOrderAsync(buyer, seller, product, Couriers.Address("IL"));
        var couriers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _couriers.CourierAsync(region: null)));

        var answers = await Task.WhenAll(couriers.Select(c => Couriers.StepAsync(c, orderId, "claim")));

        var winners = couriers.Where((_, i) => answers[i].StatusCode == HttpStatusCode.OK).ToList();
        var winner = Assert.Single(winners);
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.OK), a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
        Assert.Equal(winner.Id, (await Couriers.OrderAsync(buyer, orderId)).GetProperty("courierId").GetGuid());
        foreach (var courier in couriers)
        {
            Assert.Equal(courier == winner ? [orderId] : [], await Couriers.ActiveAsync(courier));
        }

        Assert.Equal(["placed", "processing", "claimed"], Couriers.History(await Couriers.OrderAsync(buyer, orderId)));
        await Problems.AssertAsync(await Couriers.StepAsync(couriers.First(c => c != winner), orderId, "claim"), HttpStatusCode.Conflict, "order-already-claimed");
        Assert.Equal(HttpStatusCode.OK, (await Couriers.StepAsync(winner, orderId, "claim")).StatusCode);
        CallCycles.AssertNone(factory);
        foreach (var courier in couriers.Append(seller))
        {
            courier.Dispose();
        }
    }

    [Fact]
    public async Task A_courier_with_five_active_orders_is_refused_a_sixth_until_one_is_released_or_cancelled()
    {
        var (seller, product) = await _couriers.SellerAsync();
        using var _ = seller;
        using var buyer = await _couriers.Shop.BuyerAsync(100_000);
        var orders = new List<Guid>();
        for (var i = 0; i < 7; i++)
        {
            orders.Add(await _couriers.ReadyOrderAsync(buyer, seller, product, Couriers.Address("IL")));
        }

        using var courier = await _couriers.CourierAsync(region: null);
        foreach (var orderId in orders.Take(5))
        {
            Assert.Equal(HttpStatusCode.OK, (await Couriers.StepAsync(courier, orderId, "claim")).StatusCode);
        }

        var refused = await Problems.AssertAsync(await Couriers.StepAsync(courier, orders[5], "claim"), HttpStatusCode.Conflict, "courier-at-capacity");
        Assert.Equal(5, refused.GetProperty("maxActive").GetInt32());
        Assert.Equal(JsonValueKind.Null, (await Couriers.OrderAsync(buyer, orders[5])).GetProperty("courierId").ValueKind);
        Assert.Equal(orders.Take(5).Order(), (await Couriers.ActiveAsync(courier)).Order());

        // Releasing one before pickup frees its slot; someone else's claim cannot be released by this courier.
        using var other = await _couriers.CourierAsync(region: null);
        await Problems.AssertAsync(await Couriers.StepAsync(other, orders[0], "release"), HttpStatusCode.NotFound, "order-not-found");
        var released = await Json.ReadAsync(await Couriers.StepAsync(courier, orders[0], "release"));
        Assert.Equal(JsonValueKind.Null, released.GetProperty("courierId").ValueKind);
        Assert.Equal(["placed", "processing", "claimed", "released"], Couriers.History(released));
        Assert.Equal(HttpStatusCode.OK, (await Couriers.StepAsync(courier, orders[5], "claim")).StatusCode);
        await Problems.AssertAsync(await Couriers.StepAsync(courier, orders[6], "claim"), HttpStatusCode.Conflict, "courier-at-capacity");

        // The buyer cancelling a claimed order frees the slot in the same transaction.
        await Json.ReadAsync(await buyer.Client.PostAsync(new Uri($"/api/orders/{orders[1]}/cancel", UriKind.Relative), null, TestContext.Current.CancellationToken));
        Assert.DoesNotContain(orders[1], await Couriers.ActiveAsync(courier));
        Assert.Equal(HttpStatusCode.OK, (await Couriers.StepAsync(courier, orders[6], "claim")).StatusCode);

        // An admin may release a claim too; after pickup nobody can.
        using var admin = await TestUsers.AdminAsync(factory);
        await Json.ReadAsync(await Couriers.StepAsync(admin, orders[2], "release"));
        Assert.Equal(new[] { orders[3], orders[4], orders[5], orders[6] }.Order(), (await Couriers.ActiveAsync(courier)).Order());
        await Json.ReadAsync(await Couriers.StepAsync(courier, orders[3], "advance"));
        await Problems.AssertAsync(await Couriers.StepAsync(courier, orders[3], "release"), HttpStatusCode.Conflict, "invalid-order-transition");
        await Problems.AssertAsync(await seller.Client.PostAsync(new Uri($"/api/orders/{orders[4]}/ship", UriKind.Relative), null, TestContext.Current.CancellationToken), HttpStatusCode.Conflict, "invalid-order-transition");
    }
}
