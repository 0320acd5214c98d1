using GrainMarket.Common;

namespace GrainMarket.Ads;

/// <summary>
/// Ids of an ad deal: an opportunity's from its seller and the request's Idempotency-Key (a retried post reaches the
/// same opportunity), an engagement's from its opportunity and advertiser (an advertiser applies once), and the wallet
/// holds and references its money moves under.
/// </summary>
public static class AdIds
{
    public static Guid Opportunity(Guid sellerId, string idempotencyKey)
    {
        ArgumentNullException.ThrowIfNull(idempotencyKey);
        return DeterministicGuid.From($"ad-opportunity:{sellerId:N}:{idempotencyKey}");
    }

    public static Guid Engagement(Guid opportunityId, Guid advertiserId) => DeterministicGuid.From($"ad-engagement:{opportunityId:N}:{advertiserId:N}");

    /// <summary>The ledger reference of every entry of the opportunity (the audit finds its escrow by it).</summary>
    public static string Reference(Guid opportunityId) => $"ad:{opportunityId:N}";

    /// <summary>The hold on the seller's wallet that keeps the unspent budget in escrow.</summary>
    public static string EscrowHold(Guid opportunityId) => $"ad:{opportunityId:N}:escrow";

    /// <summary>The hold an approval moves the agreed amount into, captured at once to the advertiser and the platform.</summary>
    public static string PaymentHold(Guid opportunityId, Guid engagementId) => $"ad:{opportunityId:N}:pay:{engagementId:N}";
}
