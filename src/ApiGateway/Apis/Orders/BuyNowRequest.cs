namespace GrainMarket.ApiGateway.Apis.Orders;

public sealed record BuyNowRequest(Guid? ProductId, int? Quantity, AddressRequest? ShippingAddress);
