namespace GrainMarket.ApiGateway.Apis.Auctions;

public sealed record AuctionSummary(Guid Id, string Status, Guid SellerId, Guid CategoryId, string Title, long CurrentPrice, string Currency, int BidCount, DateTimeOffset StartsAt, DateTimeOffset EndsAt);

public sealed record AuctionPage(IReadOnlyList<AuctionSummary> Items, string? Next);

/// <summary>A row of the bid history: bidders by their stable pseudonym (admins also see who).</summary>
public sealed record BidHistoryItem(long Sequence, string Bidder, Guid? BidderId, long Amount, string Kind, DateTimeOffset At);

public sealed record BidHistoryPage(IReadOnlyList<BidHistoryItem> Items, string Currency, string? Next);

/// <summary>A pay-after-win auction its winner left unpaid: the order, and the user's count of such violations then.</summary>
public sealed record PaymentViolation(Guid UserId, string Reference, DateTimeOffset At, int Total);

public sealed record PaymentViolationPage(IReadOnlyList<PaymentViolation> Items, string? Next);
