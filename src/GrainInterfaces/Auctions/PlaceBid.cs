namespace GrainMarket.Auctions;

/// <summary>
/// A bid of <paramref name="Amount"/>, and with <paramref name="MaxAmount"/> a proxy maximum up to which the auction
/// bids for the bidder one increment above the competition. <paramref name="BidId"/> is derived from the bidder and the
/// request's Idempotency-Key.
/// </summary>
[GenerateSerializer, Immutable, Alias("gm.auctions.PlaceBid")]
public sealed record PlaceBid(
    [property: Id(0)] Guid BidId,
    [property: Id(1)] Guid BidderId,
    [property: Id(2)] long Amount,
    [property: Id(3)] long? MaxAmount);
