namespace GrainMarket.ApiGateway.Apis.Promoters;

/// <summary>
/// One UTC day of a promoter's dashboard: link clicks, orders referred that day, the commission still pending on them
/// (not yet completed nor cancelled), and commission paid and clawed back that day.
/// </summary>
public sealed record DashboardDay(DateOnly Day, long Clicks, long ReferredOrders, long PendingCommission, long PaidCommission, long ClawedBackCommission);
