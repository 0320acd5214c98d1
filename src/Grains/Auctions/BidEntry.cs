namespace GrainMarket.Auctions;

/// <summary>A row of the bid history: a bidder's own bid, a proxy bid the auction made for them, or a buy-now.</summary>
[GenerateSerializer, Immutable, Alias("gm.auctions.BidEntry")]
public sealed record BidEntry(
    [property: Id(0)] long Sequence,
    [property: Id(1)] Guid BidderId,
    [property: Id(2)] string Pseudonym,
    [property: Id(3)] long Amount,
    [property: Id(4)] string Kind,
    [property: Id(5)] DateTimeOffset At);
