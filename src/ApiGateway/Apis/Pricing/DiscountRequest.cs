namespace GrainMarket.ApiGateway.Apis.Pricing;

/// <summary>A seller's discount on a product: <c>percentOff</c> or <c>amountOff</c>, active from <c>startsAt</c> until <c>endsAt</c> (both optional).</summary>
public sealed record DiscountRequest(int? PercentOff, long? AmountOff, DateTimeOffset? StartsAt = null, DateTimeOffset? EndsAt = null);
