namespace GrainMarket.Auctions;

/// <summary>A seller's auction listing, validated by the gateway; amounts in minor units.</summary>
[GenerateSerializer, Alias("gm.auctions.NewAuction")]
public sealed record NewAuction(
    [property: Id(0)] Guid SellerId,
    [property: Id(1)] string Title,
    [property: Id(2)] string Description,
    [property: Id(3)] Guid CategoryId,
    [property: Id(4)] IReadOnlyList<string> Images,
    [property: Id(5)] long StartingPrice,
    [property: Id(6)] long? ReservePrice,
    [property: Id(7)] long? BuyNowPrice,
    [property: Id(8)] IReadOnlyList<IncrementBand>? Increments,
    [property: Id(9)] DateTimeOffset? StartsAt,
    [property: Id(10)] DateTimeOffset EndsAt,
    [property: Id(11)] int SoftCloseSeconds,
    [property: Id(12)] int? MaxExtensions,
    [property: Id(13)] string SettlementMode = AuctionSettlementModes.Hold,
    [property: Id(14)] double PaymentDeadlineHours = 48);
