namespace GrainMarket.ApiGateway.Apis.Auctions;

public sealed record CreateAuctionRequest(
    string? Title,
    string? Description,
    Guid? CategoryId,
    IReadOnlyList<string>? Images,
    long? StartingPrice,
    long? ReservePrice,
    long? BuyNowPrice,
    IReadOnlyList<IncrementRequest>? Increments,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    int? SoftCloseSeconds = null,
    int? MaxExtensions = null,
    string? SettlementMode = null,
    double? PaymentDeadlineHours = null);

public sealed record IncrementRequest(long? From, long? Step);
