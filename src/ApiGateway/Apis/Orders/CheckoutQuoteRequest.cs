namespace GrainMarket.ApiGateway.Apis.Orders;

/// <summary>
/// What to price: the cart, or one product (<see cref="ProductId"/> and <see cref="Quantity"/>, as buy-now), shipped
/// to <see cref="ShippingAddress"/> or the saved address <see cref="AddressId"/> (exactly one), with an optional coupon.
/// </summary>
public sealed record CheckoutQuoteRequest(AddressRequest? ShippingAddress = null, Guid? AddressId = null, string? CouponCode = null, Guid? ProductId = null, int? Quantity = null);
