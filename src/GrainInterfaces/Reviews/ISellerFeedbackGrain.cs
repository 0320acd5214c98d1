using GrainMarket.Common;

namespace GrainMarket.Reviews;

/// <summary>
/// The buyer's one feedback on one seller of one order (key: <see cref="ReviewIds.SellerFeedback"/>), written in one
/// transaction with the seller's <see cref="IRatingTallyGrain"/>, so the seller's score is exact.
/// </summary>
[Alias("gm.sellerFeedback")]
public interface ISellerFeedbackGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Writes the feedback: the buyer of a delivered or completed order rates one of its sellers (purchase-not-verified
    /// otherwise); feedback-exists when this order's seller was already rated.
    /// </summary>
    [Alias("submit")]
    Task<Result<SellerFeedbackView>> SubmitAsync(NewSellerFeedback feedback);

    [Alias("get")]
    Task<SellerFeedbackView?> GetAsync();
}
