namespace GrainMarket.ApiGateway.Apis.Ads;

/// <summary>An advertiser's engagement in their list (the <c>ad_engagements</c> read model), with its opportunity's title.</summary>
public sealed record AdEngagementSummary(
    Guid Id, Guid OpportunityId, string Title, Guid SellerId, string Status, long ProposedAmount, long? AgreedAmount, long Paid, long Fee, int Rejections, DateTimeOffset CreatedAt);
