namespace GrainMarket.ApiGateway.Apis.Orders;

public sealed record CheckoutRequest(AddressRequest? ShippingAddress);
