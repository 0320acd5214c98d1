namespace GrainMarket.ApiGateway.Apis.Analytics;

/// <summary>One day, week (Monday to Sunday) or calendar month of the range, clipped to it: its first and last UTC day and its figures.</summary>
public sealed record SalesBucket(DateOnly Start, DateOnly End, SalesFigures Figures);
