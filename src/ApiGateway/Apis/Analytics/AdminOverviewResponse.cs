using GrainMarket.ApiGateway.Apis.Wallets;

namespace GrainMarket.ApiGateway.Apis.Analytics;

/// <summary>
/// The marketplace at a glance (docs/analytics.md defines each figure): order value placed (<paramref name="Gmv"/>) and
/// captured at settlement (<paramref name="Settled"/>), orders by status, the platform's fee income and wallet, commissions,
/// money held in escrow, pending withdrawals and the moderation queues. Money in minor units of <paramref name="Currency"/>.
/// </summary>
public sealed record AdminOverviewResponse(
    string Currency,
    long Gmv,
    long Settled,
    IReadOnlyDictionary<string, int> OrdersByStatus,
    long PlatformFeeIncome,
    WalletResponse PlatformWallet,
    CommissionTotals Commissions,
    long EscrowHeld,
    PendingWithdrawals PendingWithdrawals,
    IReadOnlyList<ModerationQueue> Queues);
