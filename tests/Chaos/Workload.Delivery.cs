namespace GrainMarket.Chaos;

/// <summary>The couriers' and the buyers' delivery steps of the workload, and the admin's resolution of disputes.</summary>
internal sealed partial class Workload
{
    /// <summary>A random courier claims an accepted, unclaimed order (a full courier or a lost race is refused, and that is fine).</summary>
    private async Task ClaimAsync(Random random)
    {
        if (Pick(random, "processing") is not { Courier: null } order)
        {
            return;
        }

        var courier = random.Next(couriers.Count);
        if (await PostAsync(random, order, $"/api/delivery/orders/{order.Id}/claim", null, couriers[courier].Token))
        {
            lock (order.Sync)
            {
                order.Courier = courier;
            }
        }
    }

    /// <summary>The order's courier picks it up, or takes it out for delivery; now and then a courier releases a claim instead.</summary>
    private async Task AdvanceAsync(Random random)
    {
        if (Pick(random, "processing", "shipped") is not { Courier: { } courier } order)
        {
            return;
        }

        if (order.Status == "processing" && random.Next(10) == 0 && await PostAsync(random, order, $"/api/delivery/orders/{order.Id}/release", null, couriers[courier].Token))
        {
            lock (order.Sync)
            {
                order.Courier = null;
            }

            return;
        }

        await PostAsync(random, order, $"/api/delivery/orders/{order.Id}/advance", null, couriers[courier].Token);
    }

    /// <summary>The courier proves the delivery with the buyer's PIN, or the QR token, a wrong PIN first now and then.</summary>
    private async Task ProveAsync(Random random)
    {
        if (Pick(random, "shipped", "out-for-delivery") is not { Courier: { } courier } order)
        {
            return;
        }

        var (found, proof) = await gateway.RetryAsync(random, HttpMethod.Get, $"/api/orders/{order.Id}/proof", null, buyers[order.Buyer].Token, null);
        if (found != 200)
        {
            return;
        }

        var path = $"/api/delivery/orders/{order.Id}/proof";
        var pin = proof.GetProperty("pin").GetString()!;
        if (random.Next(5) == 0)
        {
            await PostAsync(random, order, path, new { pin = pin == "000000" ? "000001" : "000000" }, couriers[courier].Token);
        }

        if (proof.GetProperty("locked").GetBoolean())
        {
            await StepAsync(random, order, "proof/reset", sellers[order.Listing.Seller].Token);
            return;
        }

        object body = random.Next(2) == 0 ? new { pin, latitude = 52.37, longitude = 4.89 } : new { qrToken = proof.GetProperty("qrToken").GetString() };
        await PostAsync(random, order, path, body, couriers[courier].Token);
    }

    /// <summary>The buyer confirms a parcel that is on its way (a seller's own shipment is delivered only this way).</summary>
    private async Task ConfirmAsync(Random random)
    {
        if (Pick(random, "shipped", "out-for-delivery") is { } order)
        {
            await StepAsync(random, order, "confirm-delivery", buyers[order.Buyer].Token);
        }
    }

    /// <summary>The buyer disputes an order on its way or delivered; the admin releases it to the sellers or refunds the buyer.</summary>
    private async Task DisputeAsync(Random random)
    {
        if (Pick(random, "shipped", "out-for-delivery", "delivered") is not { } order
            || !await PostAsync(random, order, $"/api/orders/{order.Id}/dispute", new { reason = "chaos" }, buyers[order.Buyer].Token))
        {
            return;
        }

        var outcome = random.Next(2) == 0 ? "release" : "refund";
        await PostAsync(random, order, $"/api/admin/orders/{order.Id}/dispute/resolve", new { outcome, note = "chaos" }, admin.Token);
    }
}
