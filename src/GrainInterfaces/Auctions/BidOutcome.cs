namespace GrainMarket.Auctions;

/// <summary>
/// An accepted bid: whether it leads (a proxy maximum above it may keep another bidder in front), and the auction's
/// price, next minimum bid and end after it.
/// </summary>
public sealed record BidOutcome(Guid BidId, bool Accepted, bool Leading, long CurrentPrice, long MinNextBid, DateTimeOffset EndsAt, long Sequence);
