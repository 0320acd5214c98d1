namespace GrainMarket.ApiGateway.Apis.Statuses;

/// <summary>A page of live statuses, newest first; <see cref="Next"/> is the cursor of the following page, null on the last.</summary>
public sealed record StatusPage(IReadOnlyList<StatusItem> Items, string? Next);
