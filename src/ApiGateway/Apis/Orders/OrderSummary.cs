namespace GrainMarket.ApiGateway.Apis.Orders;

public sealed record OrderSummary(Guid Id, string Status, long Total, string Currency, int ItemCount, DateTimeOffset CreatedAt);
