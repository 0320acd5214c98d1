namespace GrainMarket.ApiGateway.Apis.Ads;

/// <summary>An opportunity in a list (the <c>ad_opportunities</c> read model).</summary>
public sealed record AdOpportunitySummary(
    Guid Id, Guid SellerId, string Title, Guid? CategoryId, long Budget, long Committed, long Spent, long Escrow, string Status, DateTimeOffset Deadline, DateTimeOffset CreatedAt);
