using GrainMarket.Auctions;

namespace GrainMarket.ApiGateway.Apis.Auctions;

/// <summary>
/// An auction as a client sees it. The reserve is shown to its seller and admins only (everyone sees whether it is
/// met); the leader's maximum only to the leader and admins. Everyone sees the leader and the winner by their
/// pseudonyms (<see cref="Leader"/>, <see cref="Winner"/>, as in the bid history); their ids only the person
/// themself and admins see, and the winner's id also the seller, who sells to them.
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
    Guid? SecondChanceOrderId,
    string? Leader,
    string? Winner)
{
    public static AuctionResponse From(AuctionView a, Guid? viewer, bool isAdmin, string currency)
    {
        ArgumentNullException.ThrowIfNull(a);
        var isSeller = viewer == a.SellerId;
        var isLeader = viewer is not null && viewer == a.LeaderId;
        return new(
            a.Id, a.Status, a.SellerId, a.Title, a.Description, a.CategoryId, a.Images, currency, a.StartingPrice,
            isSeller || isAdmin ? a.ReservePrice : null,
            a.BuyNowPrice, a.CurrentPrice, a.MinNextBid, isLeader || isAdmin ? a.LeaderId : null,
            isLeader || isAdmin ? a.LeaderMax : null,
            a.BidCount, a.ReserveMet, a.StartsAt, a.EndsAt, a.SoftCloseSeconds, a.MaxExtensions, a.Extensions, a.Increments,
            isSeller || isAdmin ? a.RejectionReason : null,
            viewer == a.WinnerId || isSeller || isAdmin ? a.WinnerId : null,
            a.OrderId, a.Sequence, a.CreatedAt, a.SettlementMode, a.PaymentDeadlineHours, a.SecondChanceOrderId, a.Leader, a.Winner);
    }
}
