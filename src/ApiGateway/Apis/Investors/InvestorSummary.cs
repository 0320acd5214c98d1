namespace GrainMarket.ApiGateway.Apis.Investors;

/// <summary>An investor in the admins' list (the <c>investors</c> read model and the account's name): their totals and how many stakes and payouts.</summary>
public sealed record InvestorSummary(
    Guid Id, string DisplayName, string Email, long Staked, int SharesBps, long PaidOut, int Stakes, int Payouts, DateTimeOffset CreatedAt);
