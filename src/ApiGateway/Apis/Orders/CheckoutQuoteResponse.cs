using GrainMarket.Orders;
using GrainMarket.Promotions;

namespace GrainMarket.ApiGateway.Apis.Orders;

/// <summary>The order a checkout would place now: its lines, coupon, shipping charge and total (a checkout's <c>expectedTotal</c>).</summary>
public sealed record CheckoutQuoteResponse(IReadOnlyList<OrderLine> Items, OrderCoupon? Coupon, long ShippingCharge, long Total, string Currency);
