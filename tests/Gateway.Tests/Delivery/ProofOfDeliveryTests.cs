using System.Net;
using System.Text.Json;
using GrainMarket.Gateway.Tests.Orders;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Delivery;

/// <summary>Pickup, the buyer's PIN and QR code, wrong tries counted durably, the lock and its reset, and the courier's pay.</summary>
public sealed class ProofOfDeliveryTests(MarketplaceFactory factory)
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly Couriers _couriers = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_wrong_pin_is_counted_and_the_right_qr_token_then_delivers_and_the_courier_is_paid_their_share()
    {
        var (seller, product) = await _couriers.SellerAsync(price: 10_000);
        using var _ = seller;
        using var buyer = await _couriers.Shop.BuyerAsync(30_000);
        var orderId = await _couriers.ReadyOrderAsync(buyer, seller, product, Couriers.Address("IL"));
        using var courier = await _couriers.CourierAsync(region: null);
        await Json.ReadAsync(await Couriers.StepAsync(courier, orderId, "claim"));
        await Problems.AssertAsync(await Couriers.ProveAsync(courier, orderId, new { pin = "123456" }), HttpStatusCode.Conflict, "invalid-order-transition");

        var pickedUp = await Json.ReadAsync(await Couriers.StepAsync(courier, orderId, "advance"));
        Assert.Equal("shipped", pickedUp.GetProperty("status").GetString());
        Assert.Equal("shipped", pickedUp.GetProperty("fulfilment").GetProperty(seller.Id.ToString()).GetString());
        var proof = await Couriers.ProofAsync(buyer, orderId);
        var (pin, token) = (proof.GetProperty("pin").GetString()!, proof.GetProperty("qrToken").GetString()!);
        Assert.Matches("^[0-9]{6}$", pin);
        Assert.True(Convert.FromBase64String(token.Replace('-', '+').Replace('_', '/')).Length * 8 >= 128, token);
        Assert.Equal(5, proof.GetProperty("attemptsLeft").GetInt32());
        Assert.False(proof.GetProperty("locked").GetBoolean());

        // The buyer was told the PIN in-app; nobody but the buyer sees the proof.
        var notes = await Json.ReadAsync(await buyer.Client.GetAsync(new Uri("/api/notifications", UriKind.Relative), Ct));
        var note = Assert.Single(notes.GetProperty("items").EnumerateArray(), n => n.GetProperty("type").GetString() == "delivery-proof");
        Assert.Contains(pin, note.GetProperty("body").GetString(), StringComparison.Ordinal);
        foreach (var other in new[] { seller, courier })
        {
            await Problems.AssertAsync(await other.Client.GetAsync(new Uri($"/api/orders/{orderId}/proof", UriKind.Relative), Ct), HttpStatusCode.NotFound, "order-not-found");
            await Problems.AssertAsync(await other.Client.GetAsync(new Uri($"/api/orders/{orderId}/proof.png", UriKind.Relative), Ct), HttpStatusCode.NotFound, "order-not-found");
        }

        using var image = await buyer.Client.GetAsync(new Uri($"/api/orders/{orderId}/proof.png", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        Assert.Equal(PngSignature, (await image.Content.ReadAsByteArrayAsync(Ct)).Take(8));

        await Json.ReadAsync(await Couriers.StepAsync(courier, orderId, "advance"));

        // Malformed proofs are refused before they reach the order: no try is counted for them.
        await Problems.AssertAsync(await Couriers.ProveAsync(courier, orderId, new { pin = "12a456" }), HttpStatusCode.BadRequest, "validation-failed", "pin");
        await Problems.AssertAsync(await Couriers.ProveAsync(courier, orderId, new { pin, qrToken = token }), HttpStatusCode.BadRequest, "validation-failed", "pin");
        await Problems.AssertAsync(await Couriers.ProveAsync(courier, orderId, new { qrToken = "not a token" }), HttpStatusCode.BadRequest, "validation-failed", "qrToken");
        await Problems.AssertAsync(await Couriers.ProveAsync(courier, orderId, new { pin, latitude = 1.0 }), HttpStatusCode.BadRequest, "validation-failed", "longitude");
        Assert.Equal(5, (await Couriers.ProofAsync(buyer, orderId)).GetProperty("attemptsLeft").GetInt32());
        var wrongPin = pin == "000000" ? "000001" : "000000";
        var wrong = await Problems.AssertAsync(await Couriers.ProveAsync(courier, orderId, new { pin = wrongPin }), HttpStatusCode.UnprocessableEntity, "proof-invalid");
        Assert.Equal(4, wrong.GetProperty("attemptsLeft").GetInt32());
        Assert.Equal(4, (await Couriers.ProofAsync(buyer, orderId)).GetProperty("attemptsLeft").GetInt32());

        var delivered = await Json.ReadAsync(await Couriers.ProveAsync(courier, orderId, new { qrToken = token, latitude = 39.7801, longitude = -89.6502 }));
        Assert.Equal("delivered", delivered.GetProperty("status").GetString());
        var record = delivered.GetProperty("delivery");
        Assert.Equal(courier.Id, record.GetProperty("by").GetGuid());
        Assert.Equal("qr", record.GetProperty("method").GetString());
        Assert.Equal(JsonValueKind.Null, record.GetProperty("latitude").ValueKind);
        Assert.Equal(39.7801, (await Couriers.OrderAsync(buyer, orderId)).GetProperty("delivery").GetProperty("latitude").GetDouble());
        Assert.Equal(["placed", "processing", "claimed", "picked-up", "out-for-delivery", "proof-failed", "delivered"], Couriers.History(delivered));
        Assert.Empty(await Couriers.ActiveAsync(courier));

        // A repeat of the proof answers the order; a buyer's confirmation changes nothing more.
        Assert.Equal("delivered", (await Json.ReadAsync(await Couriers.ProveAsync(courier, orderId, new { qrToken = token }))).GetProperty("status").GetString());
        var mine = await Json.ReadAsync(await courier.Client.GetAsync(new Uri("/api/delivery/orders/mine", UriKind.Relative), Ct));
        Assert.Equal("delivered", Assert.Single(mine.GetProperty("items").EnumerateArray()).GetProperty("status").GetString());

        // Completion pays the sellers, the courier their share of the shipping charge, the platform the rest: the buyer's total exactly.
        var completed = await Json.ReadAsync(await buyer.Client.PostAsync(new Uri($"/api/orders/{orderId}/complete", UriKind.Relative), null, Ct));
        Assert.Equal("completed", completed.GetProperty("status").GetString());
        var total = completed.GetProperty("total").GetInt64();
        var charge = completed.GetProperty("shippingCharge").GetInt64();
        Assert.Equal(10_000 + charge, total);
        var courierShare = charge * 8_000 / 10_000;
        var sellerPaid = await _couriers.Shop.LedgerSumAsync(seller.Id.ToString(), "PAYMENT", orderId);
        var courierPaid = await _couriers.Shop.LedgerSumAsync(courier.Id.ToString(), "PAYMENT", orderId);
        var platform = await _couriers.Shop.LedgerSumAsync("platform", "FEE", orderId);
        Assert.Equal(10_000 - 200, sellerPaid);
        Assert.Equal(courierShare, courierPaid);
        Assert.Equal(200 + charge - courierShare, platform);
        Assert.Equal(total, sellerPaid + courierPaid + platform);
        Assert.Equal(30_000 - total, (await Shop.WalletAsync(buyer)).GetProperty("balance").GetInt64());
        var earnings = await Json.ReadAsync(await courier.Client.GetAsync(new Uri("/api/delivery/earnings", UriKind.Relative), Ct));
        Assert.Equal(courierPaid, earnings.GetProperty("items").EnumerateArray().Sum(e => e.GetProperty("amount").GetInt64()));
    }

    [Fact]
    public async Task Five_wrong_proofs_lock_it_until_a_seller_resets_it_and_the_buyer_gets_a_new_one()
    {
        var (seller, product) = await _couriers.SellerAsync();
        using var _ = seller;
        using var buyer = await _couriers.Shop.BuyerAsync(30_000);
        var orderId = await _couriers.ReadyOrderAsync(buyer, seller, product, Couriers.Address("IL"));
        using var courier = await _couriers.CourierAsync(region: null);
        await Json.ReadAsync(await Couriers.StepAsync(courier, orderId, "claim"));
        await Json.ReadAsync(await Couriers.StepAsync(courier, orderId, "advance"));
        var first = await Couriers.ProofAsync(buyer, orderId);
        var token = first.GetProperty("qrToken").GetString()!;
        var wrongToken = token[..^1] + (token[^1] == 'A' ? 'B' : 'A');

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var wrong = await Problems.AssertAsync(await Couriers.ProveAsync(courier, orderId, new { qrToken = wrongToken }), HttpStatusCode.UnprocessableEntity, "proof-invalid");
            Assert.Equal(5 - attempt, wrong.GetProperty("attemptsLeft").GetInt32());
        }

        var locked = await Problems.AssertAsync(await Couriers.ProveAsync(courier, orderId, new { qrToken = wrongToken }), HttpStatusCode.Conflict, "proof-locked");
        Assert.Equal(0, locked.GetProperty("attemptsLeft").GetInt32());
        await Problems.AssertAsync(await Couriers.ProveAsync(courier, orderId, new { qrToken = token }), HttpStatusCode.Conflict, "proof-locked");
        var stillLocked = await Couriers.ProofAsync(buyer, orderId);
        Assert.True(stillLocked.GetProperty("locked").GetBoolean());
        Assert.Equal("shipped", (await Couriers.OrderAsync(buyer, orderId)).GetProperty("status").GetString());

        // The courier cannot reset it; the seller can, and the buyer is sent the new PIN.
        await Problems.AssertAsync(await courier.Client.PostAsync(new Uri($"/api/orders/{orderId}/proof/reset", UriKind.Relative), null, Ct), HttpStatusCode.Forbidden, "forbidden");
        await Json.ReadAsync(await seller.Client.PostAsync(new Uri($"/api/orders/{orderId}/proof/reset", UriKind.Relative), null, Ct));
        var second = await Couriers.ProofAsync(buyer, orderId);
        Assert.NotEqual(token, second.GetProperty("qrToken").GetString());
        Assert.Equal(5, second.GetProperty("attemptsLeft").GetInt32());
        Assert.False(second.GetProperty("locked").GetBoolean());
        var notes = await Json.ReadAsync(await buyer.Client.GetAsync(new Uri("/api/notifications", UriKind.Relative), Ct));
        Assert.Equal(2, notes.GetProperty("items").EnumerateArray().Count(n => n.GetProperty("type").GetString() == "delivery-proof"));

        await Problems.AssertAsync(await Couriers.ProveAsync(courier, orderId, new { qrToken = token }), HttpStatusCode.UnprocessableEntity, "proof-invalid");
        var delivered = await Json.ReadAsync(await Couriers.ProveAsync(courier, orderId, new { pin = second.GetProperty("pin").GetString() }));
        Assert.Equal("pin", delivered.GetProperty("delivery").GetProperty("method").GetString());
        Assert.Equal(
            ["placed", "processing", "claimed", "picked-up", "proof-failed", "proof-failed", "proof-failed", "proof-failed", "proof-failed", "proof-locked", "proof-reset", "proof-failed", "delivered"],
            Couriers.History(delivered));
    }
}
