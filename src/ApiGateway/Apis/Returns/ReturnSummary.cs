namespace GrainMarket.ApiGateway.Apis.Returns;

/// <summary>A return in a list (the <c>returns</c> read model); <see cref="Refunded"/> is what the buyer got back.</summary>
public sealed record ReturnSummary(Guid Id, Guid OrderId, Guid BuyerId, Guid SellerId, Guid? CourierId, string Status, long Value, long Refunded, string Currency, int ItemCount, DateTimeOffset CreatedAt);
