using GrainMarket.Reviews;

namespace GrainMarket.ApiGateway.Apis.Reviews;

/// <summary>Platform feedback, newest first; <see cref="Next"/> is the next page's cursor (null on the last).</summary>
public sealed record PlatformFeedbackPage(IReadOnlyList<PlatformFeedbackView> Items, string? Next);
