namespace GrainMarket.ApiGateway.Apis.Reviews;

/// <summary>A seller's score and a page of their feedback, newest first; <see cref="Next"/> is the next page's cursor (null on the last).</summary>
public sealed record SellerFeedbackPage(RatingSummary Score, IReadOnlyList<SellerFeedbackResponse> Items, string? Next);
