namespace GrainMarket.Auctions;

/// <summary>A seller's auction listing, validated by the gateway; amounts in minor units.</summary>
public sealed record NewAuction(
    Guid SellerId,
    string Title,
    string Description,
    Guid CategoryId,
    IReadOnlyList<string> Images,
    long StartingPrice,
    long? ReservePrice,
    long? BuyNowPrice,
    IReadOnlyList<IncrementBand>? Increments,
    DateTimeOffset? StartsAt,
    DateTimeOffset EndsAt,
    int SoftCloseSeconds,
    int? MaxExtensions,
    string SettlementMode = AuctionSettlementModes.Hold,
    double PaymentDeadlineHours = 48);
