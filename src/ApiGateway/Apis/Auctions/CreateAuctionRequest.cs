namespace GrainMarket.ApiGateway.Apis.Auctions;

/// <summary>
/// A new auction: a title, a category, a starting price and an end are required; everything else is optional (no
/// reserve, no buy-now price, the default increments, starting now, a 120 s soft close, held bids).
/// </summary>
public sealed record CreateAuctionRequest(
    string? Title,
    Guid? CategoryId,
    long? StartingPrice,
    DateTimeOffset? EndsAt,
    string? Description = null,
    IReadOnlyList<string>? Images = null,
    long? ReservePrice = null,
    long? BuyNowPrice = null,
    IReadOnlyList<IncrementRequest>? Increments = null,
    DateTimeOffset? StartsAt = null,
    int? SoftCloseSeconds = null,
    int? MaxExtensions = null,
    string? SettlementMode = null,
    double? PaymentDeadlineHours = null);

public sealed record IncrementRequest(long? From, long? Step);
