namespace GrainMarket.Chaos;

internal sealed record Actor(Guid Id, string Email, string Password, string Token);

internal sealed record Listing(Guid ProductId, int Seller, long Price);

/// <summary>A bid the client saw acknowledged (201), with what it asked for.</summary>
internal sealed record AckedBid(Guid Auction, int Buyer, long Amount, long? MaxAmount, string Key, Guid BidId, long Price);

/// <summary>An order the client saw acknowledged, and the furthest step the client saw acknowledged for it.</summary>
internal sealed class AckedOrder(Guid id, int buyer, string key, Listing listing, int quantity, string? coupon = null, string? referral = null)
{
    public Guid Id { get; } = id;

    public int Buyer { get; } = buyer;

    public string Key { get; } = key;

    public Listing Listing { get; } = listing;

    public int Quantity { get; } = quantity;

    /// <summary>The coupon code the checkout named (a retry must name it again), null without one.</summary>
    public string? Coupon { get; } = coupon;

    /// <summary>The referral code the checkout named (a retry must name it again), null without one.</summary>
    public string? Referral { get; } = referral;

    public string Status { get; set; } = "placed";

    /// <summary>The index of the courier whose claim of the order the client saw acknowledged, if any.</summary>
    public int? Courier { get; set; }

    public Lock Sync { get; } = new();
}
