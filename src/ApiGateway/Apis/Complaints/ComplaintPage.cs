namespace GrainMarket.ApiGateway.Apis.Complaints;

/// <summary>Newest first; <see cref="Next"/> is the cursor of the next page (null on the last).</summary>
public sealed record ComplaintPage(IReadOnlyList<ComplaintSummary> Items, string? Next);
