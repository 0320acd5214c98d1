using GrainMarket.Common;

namespace GrainMarket.Reviews;

/// <summary>
/// One review of a product bought in one order (key: <see cref="ReviewIds.Review"/>). Writing, editing, deleting,
/// hiding and unhiding it each change the product's <see cref="IRatingTallyGrain"/> in one transaction with the review,
/// so the product's average is exact under any number of concurrent reviews. Expected failures are
/// <see cref="DomainError"/> values and change nothing.
/// </summary>
[Alias("gm.review")]
public interface IReviewGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Writes the review: the author must be the order's buyer, the order delivered or completed and the product one of
    /// its lines (purchase-not-verified otherwise); review-exists when this order line already has one.
    /// </summary>
    [Alias("create")]
    Task<Result<ReviewView>> CreateAsync(NewReview review);

    /// <summary>The review, or null when there is none (never written, or deleted).</summary>
    [Alias("get")]
    Task<ReviewView?> GetAsync();

    /// <summary>Changes the rating or text (the author only).</summary>
    [Alias("edit")]
    Task<Result<ReviewView>> EditAsync(Guid authorId, ReviewEdit edit);

    /// <summary>Deletes the review (the author only); the order line may be reviewed again.</summary>
    [Alias("delete")]
    Task<Result<ReviewView>> DeleteAsync(Guid authorId);

    /// <summary>Hides the review from lists and the average (an admin), with the reason; hiding a hidden one changes nothing.</summary>
    [Alias("hide")]
    Task<Result<ReviewView>> HideAsync(string reason);

    /// <summary>Shows a hidden review again (an admin); its rating counts again.</summary>
    [Alias("unhide")]
    Task<Result<ReviewView>> UnhideAsync();

    /// <summary>Counts the user's "helpful" vote once (not the author's own; a repeated vote changes nothing).</summary>
    [Alias("voteHelpful")]
    Task<Result<ReviewView>> VoteHelpfulAsync(Guid userId);
}
