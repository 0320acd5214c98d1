namespace GrainMarket.ApiGateway.Apis.Orders;

public sealed record OrderSummary(Guid OrderId, string Status, long Total, string Currency, int ItemCount, DateTimeOffset CreatedAt);
