namespace GrainMarket.ApiGateway.Apis.Returns;

/// <summary>Newest first; <see cref="Next"/> is the cursor of the next page (null on the last).</summary>
public sealed record ReturnPage(IReadOnlyList<ReturnSummary> Items, string? Next);
