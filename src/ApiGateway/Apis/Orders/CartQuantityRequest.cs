namespace GrainMarket.ApiGateway.Apis.Orders;

public sealed record CartQuantityRequest(int? Quantity);
