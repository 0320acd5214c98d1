namespace GrainMarket.ApiGateway.Apis.Analytics;

/// <summary>Withdrawals waiting for an admin: how many, their sum, and the list endpoint that shows them.</summary>
public sealed record PendingWithdrawals(int Count, long Amount, string Link);
