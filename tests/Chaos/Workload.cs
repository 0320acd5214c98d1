using System.Collections.Concurrent;

namespace GrainMarket.Chaos;

/// <summary>
/// The mixed workload over HTTP: checkouts (some retried with their key), cancellations, the sellers' steps, completions,
/// withdrawals, returns (<see cref="ReturnWorkload"/>), and bids at the next minimum on the live auctions (half with a
/// proxy maximum; some retried with their key); couriers claim, pick up and prove deliveries, buyers confirm some and
/// dispute a few, which the admin resolves. It records only what it saw acknowledged; the checks afterwards compare that
/// with the database.
/// </summary>
internal sealed partial class Workload(Gateway gateway, Actor admin, IReadOnlyList<Actor> buyers, IReadOnlyList<Actor> sellers, IReadOnlyList<Listing> listings, IReadOnlyList<Guid> auctions, IReadOnlyList<Actor> couriers, IReadOnlyList<string> coupons)
{
    private long _operations;
    private long _acknowledged;
    private long _duplicated;

    public ConcurrentDictionary<Guid, AckedOrder> Orders { get; } = new();

    public ConcurrentDictionary<Guid, long> ApprovedWithdrawals { get; } = new();

    public ConcurrentBag<AckedBid> Bids { get; } = [];

    /// <summary>Card checkouts paid through the Stripe stand-in, whose webhooks arrive twice and with a stale failure after them.</summary>
    public CardWorkload? Cards { get; set; }

    /// <summary>Returns of delivered and completed orders (<see cref="ReturnWorkload"/>), set once the workload exists: they pick from <see cref="Orders"/>.</summary>
    public ReturnWorkload? Returns { get; set; }

    /// <summary>Promoters' referral codes a third of the checkouts name; their refunds after completion claw commission back.</summary>
    public IReadOnlyList<string> ReferralCodes { get; set; } = [];

    /// <summary>Ad deals (<see cref="AdWorkload"/>), set once the workload exists.</summary>
    public AdWorkload? Ads { get; set; }

    public long Operations => Interlocked.Read(ref _operations);

    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    public long Duplicated => Interlocked.Read(ref _duplicated);

    /// <summary>What each retry counted in <see cref="Duplicated"/> got back, for the run's report.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> DuplicateNotes { get; } = new();

    public async Task RunAsync(int worker, CancellationToken stop)
    {
        var random = new Random(worker * 7919);
        while (!stop.IsCancellationRequested)
        {
            Interlocked.Increment(ref _operations);
            var roll = random.NextDouble();
            var task = roll switch
            {
                < 0.30 => BuyAsync(random),
                < 0.34 => Cards?.BuyAsync(random) ?? BuyAsync(random),
                < 0.38 => RetryKnownCheckoutAsync(random),
                < 0.42 => CancelAsync(random),
                < 0.50 => SellerStepAsync(random),
                < 0.56 => ClaimAsync(random),
                < 0.62 => AdvanceAsync(random),
                < 0.66 => ProveAsync(random),
                < 0.68 => ConfirmAsync(random),
                < 0.69 => DisputeAsync(random),
                < 0.72 => CompleteAsync(random),
                < 0.76 => WithdrawAsync(random),
                < 0.88 => BidAsync(random),
                < 0.93 => Returns?.StepAsync(random) ?? Task.CompletedTask,
                < 0.95 => Ads?.StepAsync(random) ?? Task.CompletedTask,
                _ => RetryKnownBidAsync(random),
            };
            await task;
        }
    }

    private async Task BuyAsync(Random random)
    {
        var buyer = random.Next(buyers.Count);
        var listing = listings[random.Next(listings.Count)];
        var quantity = 1 + random.Next(2);
        var key = Guid.NewGuid().ToString();

        // A third of the checkouts name a coupon: a refusal (used up, not this seller's, per-user limit) places nothing.
        var coupon = coupons.Count > 0 && random.Next(3) == 0 ? coupons[random.Next(coupons.Count)] : null;
        var referral = ReferralCodes.Count > 0 && random.Next(3) == 0 ? ReferralCodes[random.Next(ReferralCodes.Count)] : null;
        var (status, body) = await gateway.RetryAsync(random, HttpMethod.Post, "/api/checkout/buy-now", Body(listing, quantity, coupon, referral), buyers[buyer].Token, key);
        if (status == 201)
        {
            var id = body.GetProperty("id").GetGuid();
            Orders.TryAdd(id, new AckedOrder(id, buyer, key, listing, quantity, coupon, referral));
            Interlocked.Increment(ref _acknowledged);
        }
    }

    /// <summary>The same checkout again with its key: it must answer with the same order and charge nothing more.</summary>
    private async Task RetryKnownCheckoutAsync(Random random)
    {
        if (Pick(random) is not { } order)
        {
            return;
        }

        var (status, body) = await gateway.SendAsync(random, HttpMethod.Post, "/api/checkout/buy-now", Body(order.Listing, order.Quantity, order.Coupon, order.Referral), buyers[order.Buyer].Token, order.Key);
        if (status == 201 && body.GetProperty("id").GetGuid() != order.Id)
        {
            Interlocked.Increment(ref _duplicated);
            DuplicateNotes.Enqueue($"checkout key {order.Key}: order {order.Id}, then {body.GetProperty("id").GetGuid()}");
        }
    }

    private async Task CancelAsync(Random random)
    {
        if (Pick(random, "placed") is { } order)
        {
            await StepAsync(random, order, "cancel", buyers[order.Buyer].Token);
        }
    }

    private async Task SellerStepAsync(Random random)
    {
        // Sellers accept; a few ship unclaimed orders themselves (the buyer confirms those), couriers take the rest.
        var order = Pick(random, "placed", "processing");
        if (order is null || (order.Status == "processing" && (order.Courier is not null || random.Next(4) != 0)))
        {
            return;
        }

        await StepAsync(random, order, order.Status == "placed" ? "accept" : "ship", sellers[order.Listing.Seller].Token);
    }

    private async Task CompleteAsync(Random random)
    {
        if (Pick(random, "delivered") is { } order)
        {
            await StepAsync(random, order, "complete", buyers[order.Buyer].Token);
        }
    }

    private async Task BidAsync(Random random)
    {
        var auction = auctions[random.Next(auctions.Count)];
        var buyer = random.Next(buyers.Count);
        var (found, view) = await gateway.RetryAsync(random, HttpMethod.Get, $"/api/auctions/{auction}", null, buyers[buyer].Token, null);
        if (found != 200 || view.GetProperty("status").GetString() != "live")
        {
            return;
        }

        var amount = view.GetProperty("minNextBid").GetInt64();
        long? max = random.Next(2) == 0 ? null : amount + (100 * random.Next(1, 6));
        var key = Guid.NewGuid().ToString();
        var (status, body) = await gateway.RetryAsync(random, HttpMethod.Post, $"/api/auctions/{auction}/bids", new { amount, maxAmount = max }, buyers[buyer].Token, key);
        if (status == 201)
        {
            Bids.Add(new AckedBid(auction, buyer, amount, max, key, body.GetProperty("id").GetGuid(), body.GetProperty("currentPrice").GetInt64()));
            Interlocked.Increment(ref _acknowledged);
        }
    }

    /// <summary>The same bid again with its key: it must answer with the same bid and change nothing.</summary>
    private async Task RetryKnownBidAsync(Random random)
    {
        var bids = Bids.ToArray();
        if (bids.Length == 0)
        {
            return;
        }

        var bid = bids[random.Next(bids.Length)];
        var (status, body) = await gateway.SendAsync(random, HttpMethod.Post, $"/api/auctions/{bid.Auction}/bids", new { amount = bid.Amount, maxAmount = bid.MaxAmount }, buyers[bid.Buyer].Token, bid.Key);
        if (status == 201 && body.GetProperty("id").GetGuid() != bid.BidId)
        {
            Interlocked.Increment(ref _duplicated);
            DuplicateNotes.Enqueue($"bid key {bid.Key}: bid {bid.BidId}, then {body.GetProperty("id").GetGuid()}");
        }
    }

    private async Task WithdrawAsync(Random random)
    {
        var buyer = buyers[random.Next(buyers.Count)];
        var (status, body) = await gateway.RetryAsync(random, HttpMethod.Post, "/api/wallet/withdrawals", new { amount = 100 }, buyer.Token, Guid.NewGuid().ToString());
        if (status != 201)
        {
            return;
        }

        Interlocked.Increment(ref _acknowledged);
        var id = body.GetProperty("id").GetGuid();
        var (approved, _) = await gateway.RetryAsync(random, HttpMethod.Post, $"/api/admin/withdrawals/{id}/approve", null, admin.Token, null);
        if (approved == 200)
        {
            ApprovedWithdrawals[id] = 100;
            Interlocked.Increment(ref _acknowledged);
        }
    }

    private Task<bool> StepAsync(Random random, AckedOrder order, string step, string token) =>
        PostAsync(random, order, $"/api/orders/{order.Id}/{step}", null, token);

    /// <summary>A step of <paramref name="order"/>, retried with one key; an acknowledged one records the order's status.</summary>
    private async Task<bool> PostAsync(Random random, AckedOrder order, string path, object? body, string token)
    {
        var (status, answer) = await gateway.RetryAsync(random, HttpMethod.Post, path, body, token, Guid.NewGuid().ToString());
        if (status != 200)
        {
            return false;
        }

        lock (order.Sync)
        {
            order.Status = answer.GetProperty("status").GetString()!;
        }

        Interlocked.Increment(ref _acknowledged);
        return true;
    }

    private AckedOrder? Pick(Random random, params string[] statuses)
    {
        var candidates = Orders.Values.Where(o => statuses.Length == 0 || statuses.Contains(o.Status)).ToList();
        return candidates.Count == 0 ? null : candidates[random.Next(candidates.Count)];
    }

    private static object Body(Listing listing, int quantity, string? couponCode, string? referralCode) => new
    {
        productId = listing.ProductId,
        quantity,
        couponCode,
        referralCode,
        shippingAddress = new { line1 = "1 Chaos Lane", city = "Entropy", region = "", postalCode = "4242", country = "NL" },
    };
}
