namespace GrainMarket.ApiGateway.Apis.Ads;

/// <summary>Newest first; <see cref="Next"/> is the cursor of the next page (null on the last).</summary>
public sealed record AdEngagementPage(IReadOnlyList<AdEngagementSummary> Items, string? Next);
