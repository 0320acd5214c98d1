using GrainMarket.Auctions;

namespace GrainMarket.ApiGateway.Apis.Auctions;

/// <summary>
/// An auction as a client sees it. The reserve is shown to its seller and admins only (everyone sees whether it is
/// met); the leader's maximum only to the leader and admins.
/// </summary>
public sealed record AuctionResponse(
    Guid Id,
    string Status,
    Guid SellerId,
    string Title,
    string Description,
    Guid CategoryId,
    IReadOnlyList<string> Images,
    string Currency,
    long StartingPrice,
    long? ReservePrice,
    long? BuyNowPrice,
    long CurrentPrice,
    long MinNextBid,
    Guid? LeaderId,
    long? LeaderMax,
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
    Guid? SecondChanceOrderId)
{
    public static AuctionResponse From(AuctionView a, Guid? viewer, bool isAdmin, string currency)
    {
        ArgumentNullException.ThrowIfNull(a);
        var isSeller = viewer == a.SellerId;
        var isLeader = viewer is not null && viewer == a.LeaderId;
        return new(
            a.Id, a.Status, a.SellerId, a.Title, a.Description, a.CategoryId, a.Images, currency, a.StartingPrice,
            isSeller || isAdmin ? a.ReservePrice : null,
            a.BuyNowPrice, a.CurrentPrice, a.MinNextBid, a.LeaderId,
            isLeader || isAdmin ? a.LeaderMax : null,
            a.BidCount, a.ReserveMet, a.StartsAt, a.EndsAt, a.SoftCloseSeconds, a.MaxExtensions, a.Extensions, a.Increments,
            isSeller || isAdmin ? a.RejectionReason : null,
            a.WinnerId, a.OrderId, a.Sequence, a.CreatedAt, a.SettlementMode, a.PaymentDeadlineHours, a.SecondChanceOrderId);
    }
}
