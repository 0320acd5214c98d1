namespace GrainMarket.ApiGateway.Apis.Reviews;

/// <summary>An average of 1–5 stars (two decimals; 0 without ratings) and how many ratings it is over.</summary>
public sealed record RatingSummary(decimal Average, int Count);
