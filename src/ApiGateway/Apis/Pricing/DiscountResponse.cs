using GrainMarket.Promotions;

namespace GrainMarket.ApiGateway.Apis.Pricing;

/// <summary>A product's prices now: its list <c>price</c>, the <c>discountedPrice</c> a checkout charges, and the seller's own <c>discount</c> (null without one).</summary>
public sealed record DiscountResponse(Guid ProductId, long Price, long DiscountedPrice, ProductDiscount? Discount);
