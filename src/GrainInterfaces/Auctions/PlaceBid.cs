namespace GrainMarket.Auctions;

/// <summary>
/// A bid of <paramref name="Amount"/>, and with <paramref name="MaxAmount"/> a proxy maximum up to which the auction
/// bids for the bidder one increment above the competition. <paramref name="BidId"/> is derived from the bidder and the
/// request's Idempotency-Key.
/// </summary>
public sealed record PlaceBid(Guid BidId, Guid BidderId, long Amount, long? MaxAmount);
