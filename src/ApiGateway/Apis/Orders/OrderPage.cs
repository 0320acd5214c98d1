namespace GrainMarket.ApiGateway.Apis.Orders;

public sealed record OrderPage(IReadOnlyList<OrderSummary> Items, string? Next);
