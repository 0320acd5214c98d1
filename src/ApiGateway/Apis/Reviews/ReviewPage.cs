namespace GrainMarket.ApiGateway.Apis.Reviews;

/// <summary>A page of a product's visible reviews and the product's rating; <see cref="Next"/> is the next page's cursor (null on the last).</summary>
public sealed record ReviewPage(RatingSummary Rating, IReadOnlyList<ReviewSummary> Items, string? Next);
