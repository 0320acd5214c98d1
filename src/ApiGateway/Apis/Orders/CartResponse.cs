using GrainMarket.Orders;

namespace GrainMarket.ApiGateway.Apis.Orders;

public sealed record CartResponse(IReadOnlyList<CartItem> Items, long Total, string Currency);
