namespace GrainMarket.Auctions;

/// <summary>
/// An auction as its grain knows it. <see cref="ReservePrice"/> and <see cref="LeaderMax"/> are secrets of the seller
/// and the leader: the gateway shows them only to those who may see them. <see cref="Sequence"/> is the number of the
/// last event of the auction's live stream. <see cref="Leader"/> and <see cref="Winner"/> are the pseudonyms of
/// <see cref="LeaderId"/> and <see cref="WinnerId"/>, as the bid history names them: what everyone else is shown.
/// </summary>
[GenerateSerializer, Alias("gm.auctions.AuctionView")]
public sealed record AuctionView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid SellerId,
    [property: Id(2)] string Title,
    [property: Id(3)] string Description,
    [property: Id(4)] Guid CategoryId,
    [property: Id(5)] IReadOnlyList<string> Images,
    [property: Id(6)] string Status,
    [property: Id(7)] long StartingPrice,
    [property: Id(8)] long? ReservePrice,
    [property: Id(9)] long? BuyNowPrice,
    [property: Id(10)] long CurrentPrice,
    [property: Id(11)] long MinNextBid,
    [property: Id(12)] Guid? LeaderId,
    [property: Id(13)] long LeaderMax,
    [property: Id(14)] int BidCount,
    [property: Id(15)] bool ReserveMet,
    [property: Id(16)] DateTimeOffset StartsAt,
    [property: Id(17)] DateTimeOffset EndsAt,
    [property: Id(18)] int SoftCloseSeconds,
    [property: Id(19)] int? MaxExtensions,
    [property: Id(20)] int Extensions,
    [property: Id(21)] IReadOnlyList<IncrementBand> Increments,
    [property: Id(22)] string? RejectionReason,
    [property: Id(23)] Guid? WinnerId,
    [property: Id(24)] Guid? OrderId,
    [property: Id(25)] long Sequence,
    [property: Id(26)] DateTimeOffset CreatedAt,
    [property: Id(27)] string SettlementMode,
    [property: Id(28)] double PaymentDeadlineHours,
    [property: Id(29)] Guid? SecondChanceOrderId,
    [property: Id(30)] string? Leader = null,
    [property: Id(31)] string? Winner = null);
