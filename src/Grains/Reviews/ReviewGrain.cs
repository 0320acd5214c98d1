using GrainMarket.Common;
using GrainMarket.Notifications;
using Microsoft.Extensions.Logging;

namespace GrainMarket.Reviews;

/// <summary>
/// A review in transactional state. Every change that moves the stars it counts (write, edit, delete, hide, unhide)
/// changes the product's rating tally in the same transaction, so the tally is always the sum of its visible reviews.
/// </summary>
/// <remarks>
/// Not reentrant: nothing calls back into a review (it reads its order and changes its product's tally, neither of which
/// calls reviews), so its turns simply queue, and two writes of one order line cannot both find it free.
/// </remarks>
[GrainType("review")]
public sealed class ReviewGrain(
    [TransactionalState("review")] ITransactionalState<ReviewState> state,
    ITransactionClient transactions,
    TimeProvider timeProvider,
    ILogger<ReviewGrain> logger) : Grain, IReviewGrain
{
    private Guid ReviewId => this.GetPrimaryKey();

    async Task<Result<ReviewView>> IReviewGrain.CreateAsync(NewReview review)
    {
        ArgumentNullException.ThrowIfNull(review);
        var purchase = await VerifiedPurchase.CheckAsync(GrainFactory, review.OrderId, review.AuthorId, review.Rating, l => l.ProductId == review.ProductId, $"did not buy product {review.ProductId}");
        if (purchase.Error is { } unverified)
        {
            return unverified;
        }

        var line = purchase.Value!.Items.First(l => l.ProductId == review.ProductId);
        var now = timeProvider.GetUtcNow();
        var written = await transactions.WriteOnceAsync(
            state,
            s => s.Exists,
            new DomainError(ErrorCodes.ReviewExists, $"Product {review.ProductId} of order {review.OrderId} already has review {ReviewId}; edit or delete it."),
            s =>
            {
                s.AuthorId = review.AuthorId;
                s.OrderId = review.OrderId;
                s.ProductId = review.ProductId;
                s.SellerId = line.SellerId;
                s.Rating = review.Rating;
                s.Text = review.Text;
                s.HelpfulVoters = [];
                (s.Hidden, s.HiddenReason, s.Deleted) = (false, null, false);
                (s.CreatedAt, s.EditedAt) = (now, null);
                return View(s)!;
            },
            Tally(review.ProductId),
            review.Rating);
        if (!written.Succeeded)
        {
            return written;
        }

        logger.LogInformation("Review {ReviewId} of product {ProductId} written with {Rating} stars", ReviewId, review.ProductId, review.Rating);
        await GrainFactory.GetGrain<INotificationInboxGrain>(line.SellerId).AddAsync(new Notification(
            $"{NotificationTypes.ReviewReceived}:{ReviewId:N}:{now.ToUnixTimeMilliseconds()}",
            NotificationTypes.ReviewReceived,
            "New review",
            $"\"{line.Title}\" was rated {review.Rating} of {Ratings.Max}.",
            $"/api/products/{review.ProductId}/reviews",
            now));
        return written;
    }

    async Task<ReviewView?> IReviewGrain.GetAsync()
    {
        ReviewView? view = null;
        await transactions.RunAsync(async () => view = await state.PerformRead(View));
        return view;
    }

    Task<Result<ReviewView>> IReviewGrain.EditAsync(Guid authorId, ReviewEdit edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        if (Ratings.Check(edit.Rating) is { } invalid)
        {
            return Task.FromResult<Result<ReviewView>>(invalid);
        }

        var now = timeProvider.GetUtcNow();
        return ChangeAsync(ByAuthor(authorId), s =>
        {
            s.Rating = edit.Rating ?? s.Rating;
            s.Text = edit.Text ?? s.Text;
            s.EditedAt = now;
        });
    }

    Task<Result<ReviewView>> IReviewGrain.DeleteAsync(Guid authorId) => ChangeAsync(ByAuthor(authorId), s => s.Deleted = true);

    Task<Result<ReviewView>> IReviewGrain.HideAsync(string reason) => ChangeAsync(_ => null, s => (s.Hidden, s.HiddenReason) = (true, reason));

    Task<Result<ReviewView>> IReviewGrain.UnhideAsync() => ChangeAsync(_ => null, s => (s.Hidden, s.HiddenReason) = (false, null));

    Task<Result<ReviewView>> IReviewGrain.VoteHelpfulAsync(Guid userId) =>
        ChangeAsync(
            s => s.Hidden ? NotFound() : s.AuthorId == userId ? new DomainError(ErrorCodes.CannotVoteOwnReview, "You cannot vote your own review helpful.") : null,
            s => s.HelpfulVoters.Add(userId));

    /// <summary>
    /// Changes an existing review in one transaction with its product's tally, which moves by the difference between the
    /// stars the review counted before and after (nothing when they are the same).
    /// </summary>
    private async Task<Result<ReviewView>> ChangeAsync(Func<ReviewState, DomainError?> check, Action<ReviewState> change)
    {
        DomainError? refusal = null;
        ReviewView? changed = null;
        await transactions.RunAsync(async () =>
        {
            (refusal, changed) = (null, null);
            var (exists, refused, before) = await state.PerformRead(s => (s.Exists, s.Exists ? check(s) : null, s.CountedStars));
            refusal = exists ? refused : NotFound();
            if (refusal is not null)
            {
                return false;
            }

            var (after, productId) = (0, Guid.Empty);
            changed = await state.PerformUpdate(s =>
            {
                change(s);
                (after, productId) = (s.CountedStars, s.ProductId);
                return Snapshot(s);
            });
            if (after != before)
            {
                await Tally(productId).ChangeAsync(before, after);
            }

            return true;
        });

        if (refusal is not null)
        {
            return refusal;
        }

        logger.LogInformation("Review {ReviewId} changed: {Rating} stars, hidden {Hidden}", ReviewId, changed!.Rating, changed.Hidden);
        return changed;
    }

    private static Func<ReviewState, DomainError?> ByAuthor(Guid userId) =>
        s => s.AuthorId == userId ? null : new DomainError(ErrorCodes.Forbidden, "Only the review's author may change it.");

    private IRatingTallyGrain Tally(Guid productId) => GrainFactory.GetGrain<IRatingTallyGrain>(ReviewIds.ProductTally(productId));

    private ReviewView? View(ReviewState s) => s.Exists ? Snapshot(s) : null;

    private ReviewView Snapshot(ReviewState s) =>
        new(ReviewId, s.OrderId, s.ProductId, s.SellerId, s.AuthorId, s.Rating, s.Text, s.HelpfulVoters.Count, s.Hidden, s.HiddenReason, s.CreatedAt, s.EditedAt);

    private DomainError NotFound() => new(ErrorCodes.ReviewNotFound, $"There is no review {ReviewId}.");
}
