namespace GrainMarket.Auctions;

/// <summary>
/// An accepted bid: whether it leads (a proxy maximum above it may keep another bidder in front), and the auction's
/// price, next minimum bid and end after it.
/// </summary>
[GenerateSerializer, Immutable, Alias("gm.auctions.BidOutcome")]
public sealed record BidOutcome(
    [property: Id(0)] Guid BidId,
    [property: Id(1)] bool Accepted,
    [property: Id(2)] bool Leading,
    [property: Id(3)] long CurrentPrice,
    [property: Id(4)] long MinNextBid,
    [property: Id(5)] DateTimeOffset EndsAt,
    [property: Id(6)] long Sequence);
