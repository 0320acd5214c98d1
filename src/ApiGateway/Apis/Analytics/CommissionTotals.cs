namespace GrainMarket.ApiGateway.Apis.Analytics;

/// <summary>
/// The ledger's COMMISSION entries over every wallet: those that credited a wallet (<paramref name="Paid"/>) and those
/// that debited one (<paramref name="ClawedBack"/>), with their counts, in minor units.
/// </summary>
public sealed record CommissionTotals(int PaidCount, long Paid, int ClawedBackCount, long ClawedBack);
