namespace GrainMarket.ApiGateway.Apis.Ads;

/// <summary>The amount the seller agrees to pay the advertiser on approval (all agreed amounts together stay within the budget).</summary>
public sealed record AcceptRequest(long? AgreedAmount);
