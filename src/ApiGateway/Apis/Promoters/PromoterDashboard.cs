namespace GrainMarket.ApiGateway.Apis.Promoters;

/// <summary>
/// A promoter's figures from <see cref="From"/> to <see cref="To"/> (UTC days, both included): per day and in total,
/// with their debt now and their subscription (paid until, renewing).
/// </summary>
public sealed record PromoterDashboard(DateOnly From, DateOnly To, IReadOnlyList<DashboardDay> Days, DashboardDay Totals, long Debt, DateTimeOffset? PaidUntil, bool Renews);
