namespace GrainMarket.Auctions;

/// <summary>
/// An auction as its grain knows it. <see cref="ReservePrice"/> and <see cref="LeaderMax"/> are secrets of the seller
/// and the leader: the gateway shows them only to those who may see them. <see cref="Sequence"/> is the number of the
/// last event of the auction's live stream.
/// </summary>
public sealed record AuctionView(
    Guid Id,
    Guid SellerId,
    string Title,
    string Description,
    Guid CategoryId,
    IReadOnlyList<string> Images,
    string Status,
    long StartingPrice,
    long? ReservePrice,
    long? BuyNowPrice,
    long CurrentPrice,
    long MinNextBid,
    Guid? LeaderId,
    long LeaderMax,
    int BidCount,
    bool ReserveMet,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    int SoftCloseSeconds,
    int? MaxExtensions,
    int Extensions,
    IReadOnlyList<IncrementBand> Increments,
    string? RejectionReason,
    Guid? WinnerId,
    Guid? OrderId,
    long Sequence,
    DateTimeOffset CreatedAt,
    string SettlementMode,
    double PaymentDeadlineHours,
    Guid? SecondChanceOrderId);
