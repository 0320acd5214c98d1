namespace GrainMarket.ApiGateway.Apis.Reviews;

/// <summary>Why an admin hides a review (kept with it; the author does not see it in any list).</summary>
public sealed record HideReviewRequest(string? Reason);
