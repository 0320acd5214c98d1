namespace GrainMarket.ApiGateway.Apis.Promoters;

/// <summary>A page of a promoter's referral codes by code; <c>next</c> is the cursor of the following page, null on the last.</summary>
public sealed record ReferralPage(IReadOnlyList<ReferralResponse> Items, string? Next);
