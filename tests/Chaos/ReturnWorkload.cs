using System.Collections.Concurrent;

namespace GrainMarket.Chaos;

/// <summary>
/// Returns in the chaos workload: a buyer returns one unit of a delivered or completed order (some requests retried
/// with their key), its seller approves and receives it, the admin picks it up, inspects it (resellable or damaged) and
/// decides (mostly a refund, sometimes a close). Each call requests a return or moves one through its remaining steps; only what was acknowledged is
/// recorded, for <see cref="ReturnChecks"/>.
/// </summary>
internal sealed class ReturnWorkload(Gateway gateway, Actor admin, IReadOnlyList<Actor> buyers, IReadOnlyList<Actor> sellers, ConcurrentDictionary<Guid, AckedOrder> orders)
{
    private long _acknowledged;
    private long _duplicated;

    public ConcurrentDictionary<Guid, AckedReturn> Returns { get; } = new();

    /// <summary>Orders with a return already (one each, so that a unit is never claimed twice by the workload's own requests).</summary>
    private readonly ConcurrentDictionary<Guid, string> _keys = new();

    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    public long Duplicated => Interlocked.Read(ref _duplicated);

    public Task StepAsync(Random random)
    {
        var open = Returns.Values.Where(r => r.Status is not ("refunded" or "closed" or "rejected")).ToList();
        return open.Count > 0 && random.Next(3) > 0 ? AdvanceAsync(random, open[random.Next(open.Count)]) : RequestAsync(random);
    }

    private async Task RequestAsync(Random random)
    {
        var candidates = orders.Values.Where(o => o.Status is "delivered" or "completed" && !_keys.ContainsKey(o.Id)).ToList();
        if (candidates.Count == 0)
        {
            await DeliverAsync(random);
            return;
        }

        var order = candidates[random.Next(candidates.Count)];
        var key = _keys.GetOrAdd(order.Id, _ => Guid.NewGuid().ToString());
        var body = new { orderId = order.Id, lines = new[] { new { productId = order.Listing.ProductId, quantity = 1 } }, reason = "Chaos changed its mind.", photoUrls = Array.Empty<string>() };
        var (status, answer) = await gateway.RetryAsync(random, HttpMethod.Post, "/api/returns", body, buyers[order.Buyer].Token, key);
        if (status != 201)
        {
            return;
        }

        var id = answer.GetProperty("id").GetGuid();
        Returns.TryAdd(id, new AckedReturn(id, order));
        Interlocked.Increment(ref _acknowledged);

        // The same request again with its key: the same return, nothing claimed twice.
        var (again, repeat) = await gateway.SendAsync(random, HttpMethod.Post, "/api/returns", body, buyers[order.Buyer].Token, key);
        if (again == 201 && repeat.GetProperty("id").GetGuid() != id)
        {
            Interlocked.Increment(ref _duplicated);
        }
    }

    /// <summary>No order to return yet: the admin confirms the delivery of a shipped one (as a courier's proof would), so that returns start early in a short run.</summary>
    private async Task DeliverAsync(Random random)
    {
        var shipped = orders.Values.Where(o => o.Status == "shipped").ToList();
        if (shipped.Count == 0)
        {
            return;
        }

        var order = shipped[random.Next(shipped.Count)];
        var (status, answer) = await gateway.RetryAsync(random, HttpMethod.Post, $"/api/orders/{order.Id}/deliver", null, admin.Token, null);
        if (status == 200)
        {
            lock (order.Sync)
            {
                order.Status = answer.GetProperty("status").GetString()!;
            }

            Interlocked.Increment(ref _acknowledged);
        }
    }

    /// <summary>Moves the return on, step after step, until it is decided or a step is not acknowledged.</summary>
    private async Task AdvanceAsync(Random random, AckedReturn acked)
    {
        while (acked.Status is not ("refunded" or "closed" or "rejected") && await StepOnAsync(random, acked))
        {
        }
    }

    private async Task<bool> StepOnAsync(Random random, AckedReturn acked)
    {
        var seller = sellers[acked.Order.Listing.Seller].Token;
        var (step, token, body) = acked.Status switch
        {
            "requested" => ("approve", seller, (object?)null),
            "approved" => ("pickup", admin.Token, null),
            "picked-up" => ("receive", seller, null),
            "received" => ("inspection", admin.Token, new { units = new[] { new { productId = acked.Order.Listing.ProductId, condition = random.Next(4) == 0 ? "damaged" : "resellable" } } }),
            _ => ("decision", admin.Token, new { outcome = random.Next(5) == 0 ? "close" : "refund", sellerAtFault = false }),
        };
        var (status, answer) = await gateway.RetryAsync(random, HttpMethod.Post, $"/api/returns/{acked.Id}/{step}", body, token, null);
        if (status == 200)
        {
            lock (acked.Sync)
            {
                acked.Status = answer.GetProperty("status").GetString()!;
            }

            Interlocked.Increment(ref _acknowledged);
            return true;
        }

        return false;
    }
}
