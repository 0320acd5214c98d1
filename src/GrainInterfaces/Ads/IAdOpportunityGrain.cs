using GrainMarket.Common;

namespace GrainMarket.Ads;

/// <summary>
/// One advertising opportunity (key: its id, <see cref="AdIds.Opportunity"/>) and its engagements. Each step is one
/// Orleans transaction over the opportunity and the wallets it moves money in: posting holds the budget in escrow on
/// the seller's wallet (<c>insufficient-funds</c>: nothing is written); an approval moves the agreed amount out of the
/// escrow hold and pays it to the advertiser less the platform fee; the deadline (a reminder) or the seller's
/// cancellation releases what is left. A repeated step answers the opportunity as it stands and applies nothing twice.
/// The parties are notified after each commit.
/// </summary>
[Alias("gm.adOpportunity")]
public interface IAdOpportunityGrain : IGrainWithGuidKey
{
    /// <summary>How many advertisers may apply to one opportunity.</summary>
    public const int MaxEngagements = 100;

    /// <summary>The longest pitch, reason or brief text an engagement step takes.</summary>
    public const int MaxTextLength = 2000;

    /// <summary>Posts the opportunity and holds its budget; a repeat by the same seller answers it as it is.</summary>
    [Alias("post")]
    Task<Result<AdOpportunityView>> PostAsync(NewAdOpportunity opportunity);

    [Alias("get")]
    Task<AdOpportunityView?> GetAsync();

    /// <summary>An advertiser applies with a pitch and the amount they propose (once per advertiser: a repeat answers their engagement).</summary>
    [Alias("apply")]
    Task<Result<AdOpportunityView>> ApplyAsync(Guid advertiserId, string pitch, long proposedAmount);

    /// <summary>The seller accepts an application at <paramref name="agreedAmount"/>; all agreed amounts together stay within the budget.</summary>
    [Alias("accept")]
    Task<Result<AdOpportunityView>> AcceptAsync(Guid sellerId, Guid engagementId, long agreedAmount);

    /// <summary>The accepted advertiser submits their proof (again after a first rejection).</summary>
    [Alias("submitProof")]
    Task<Result<AdOpportunityView>> SubmitProofAsync(Guid advertiserId, Guid engagementId, AdProof proof);

    /// <summary>The seller approves the proof: the agreed amount leaves the escrow, to the advertiser less the platform fee.</summary>
    [Alias("approve")]
    Task<Result<AdOpportunityView>> ApproveAsync(Guid sellerId, Guid engagementId);

    /// <summary>The seller rejects the proof with a reason; the second rejection ends the engagement and frees its amount.</summary>
    [Alias("reject")]
    Task<Result<AdOpportunityView>> RejectAsync(Guid sellerId, Guid engagementId, string reason);

    /// <summary>The seller cancels the opportunity before its deadline: the unspent escrow goes back to their wallet.</summary>
    [Alias("cancel")]
    Task<Result<AdOpportunityView>> CancelAsync(Guid sellerId);
}
