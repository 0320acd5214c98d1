using GrainMarket.Promotions;

namespace GrainMarket.Orders;

/// <summary>
/// The exact order a checkout would place now, without placing it: its lines (list price, unit price, coupon share,
/// paid total), the coupon's discount, the shipping charge and the total, which a checkout takes as <c>expectedTotal</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("gm.orders.CheckoutQuote")]
public sealed record CheckoutQuote(
    [property: Id(0)] IReadOnlyList<OrderLine> Lines,
    [property: Id(1)] OrderCoupon? Coupon,
    [property: Id(2)] long ShippingCharge,
    [property: Id(3)] long Total);
