namespace GrainMarket.ApiGateway.Apis.Analytics;

/// <summary>
/// Commissions in minor units: paid to promoters at completions (<paramref name="Paid"/>) and clawed back by refunds after
/// them (<paramref name="ClawedBack"/>), with their counts; the commission
/// owed on referred orders not yet completed nor cancelled (<paramref name="Owed"/>, as expected when they were placed);
/// and what promoters still owe back because a clawback found their wallet short (<paramref name="PromoterDebt"/>).
/// </summary>
public sealed record CommissionTotals(int PaidCount, long Paid, int ClawedBackCount, long ClawedBack, int OwedCount, long Owed, long PromoterDebt);
