namespace GrainMarket.ApiGateway.Apis.Investors;

/// <summary>Newest first; <see cref="Next"/> is the cursor of the next page (null on the last).</summary>
public sealed record InvestorPage(IReadOnlyList<InvestorSummary> Items, string? Next);
