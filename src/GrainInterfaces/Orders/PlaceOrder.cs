namespace GrainMarket.Orders;

/// <summary>
/// A checkout: the buyer, the lines to buy (null: the buyer's cart) and where to ship them. Prices are never part of
/// it; the order snapshots them from the catalog. With <see cref="ExpectedTotal"/> (the total the buyer saw), a catalog
/// total that differs refuses the checkout with price-changed and changes nothing. <see cref="CouponCode"/> names a coupon
/// (upper case) that the checkout's transaction redeems, or refuses the checkout with the coupon's refusal.
/// <see cref="PaymentMethod"/> <c>card</c> (<see cref="PaymentMethods"/>) places the order awaiting payment through
/// <see cref="PaymentProvider"/>, its stock reserved until the payment deadline; null or <c>wallet</c> holds the wallet's money at once.
/// </summary>
[GenerateSerializer, Alias("gm.orders.PlaceOrder")]
public sealed record PlaceOrder(
    [property: Id(0)] Guid BuyerId,
    [property: Id(1)] IReadOnlyList<CartLine>? Lines,
    [property: Id(2)] ShippingAddress ShippingAddress,
    [property: Id(3)] long? ExpectedTotal = null,
    [property: Id(4)] string? CouponCode = null,
    [property: Id(5)] string? PaymentMethod = null,
    [property: Id(6)] string? PaymentProvider = null,
    [property: Id(7)] string? ReferralCode = null,
    [property: Id(8)] bool ReferralFromLink = false);
