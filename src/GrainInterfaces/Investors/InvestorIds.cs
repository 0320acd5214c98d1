using GrainMarket.Common;

namespace GrainMarket.Investors;

/// <summary>Ids of an investor's records, from the admin and the request's Idempotency-Key, and the platform wallet's hold a payout moves through.</summary>
public static class InvestorIds
{
    public static Guid Stake(Guid adminId, string idempotencyKey)
    {
        ArgumentNullException.ThrowIfNull(idempotencyKey);
        return DeterministicGuid.From($"investor-stake:{adminId:N}:{idempotencyKey}");
    }

    public static Guid Payout(Guid adminId, string idempotencyKey)
    {
        ArgumentNullException.ThrowIfNull(idempotencyKey);
        return DeterministicGuid.From($"investor-payout:{adminId:N}:{idempotencyKey}");
    }

    /// <summary>The hold on the platform's wallet that a payout is captured from, into the investor's wallet.</summary>
    public static string PayoutHold(Guid payoutId) => $"investor-payout:{payoutId:N}";

    /// <summary>The ledger reference of an investor's payouts.</summary>
    public static string Reference(Guid investorId) => $"investor:{investorId:N}";
}
