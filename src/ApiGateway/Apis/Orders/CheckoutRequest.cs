namespace GrainMarket.ApiGateway.Apis.Orders;

/// <summary>
/// A cart checkout to <see cref="ShippingAddress"/> or to the saved address <see cref="AddressId"/> (exactly one);
/// <see cref="ExpectedTotal"/> (optional) is the total the buyer saw, refused with price-changed when it is no longer the total.
/// <see cref="CouponCode"/> (optional) applies a coupon, or refuses the checkout with the coupon's reason.
/// <see cref="ReferralCode"/> (optional) attributes the order to a promoter's code (it wins over a referral link's cookie).
/// <see cref="PaymentMethod"/> (optional): <c>wallet</c> (the default) or <c>card</c>.
/// <see cref="PayerPhone"/>: the Kenyan mobile number an M-Pesa payment is pushed to (required for <c>mpesa</c>).
/// </summary>
public sealed record CheckoutRequest(AddressRequest? ShippingAddress = null, long? ExpectedTotal = null, Guid? AddressId = null, string? CouponCode = null, string? ReferralCode = null, string? PaymentMethod = null, string? PayerPhone = null);
