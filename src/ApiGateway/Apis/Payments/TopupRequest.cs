namespace GrainMarket.ApiGateway.Apis.Payments;

/// <summary>A wallet top-up of <see cref="Amount"/> minor units, paid through <see cref="Provider"/> (optional: the first offered for cards).</summary>
public sealed record TopupRequest(long? Amount, string? Provider = null);
