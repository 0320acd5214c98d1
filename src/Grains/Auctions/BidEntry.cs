namespace GrainMarket.Auctions;

/// <summary>A row of the bid history: a bidder's own bid, a proxy bid the auction made for them, or a buy-now.</summary>
public sealed record BidEntry(long Sequence, Guid BidderId, string Pseudonym, long Amount, string Kind, DateTimeOffset At);
