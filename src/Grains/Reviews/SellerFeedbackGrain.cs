using GrainMarket.Common;
using GrainMarket.Notifications;
using Microsoft.Extensions.Logging;

namespace GrainMarket.Reviews;

/// <summary>
/// A buyer's feedback on one seller of one order, in transactional state, written once in one transaction with the
/// seller's rating tally. Not reentrant: it reads its order and changes a tally, neither of which calls back.
/// </summary>
[GrainType("seller-feedback")]
public sealed class SellerFeedbackGrain(
    [TransactionalState("feedback")] ITransactionalState<SellerFeedbackState> state,
    ITransactionClient transactions,
    TimeProvider timeProvider,
    ILogger<SellerFeedbackGrain> logger) : Grain, ISellerFeedbackGrain
{
    private Guid FeedbackId => this.GetPrimaryKey();

    async Task<Result<SellerFeedbackView>> ISellerFeedbackGrain.SubmitAsync(NewSellerFeedback feedback)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        var purchase = await VerifiedPurchase.CheckAsync(GrainFactory, feedback.OrderId, feedback.BuyerId, feedback.Rating, l => l.SellerId == feedback.SellerId, $"bought nothing from seller {feedback.SellerId}");
        if (purchase.Error is { } unverified)
        {
            return unverified;
        }

        var now = timeProvider.GetUtcNow();
        var written = await transactions.WriteOnceAsync(
            state,
            s => s.BuyerId != Guid.Empty,
            new DomainError(ErrorCodes.FeedbackExists, $"You already rated seller {feedback.SellerId} for order {feedback.OrderId}."),
            s =>
            {
                (s.BuyerId, s.OrderId, s.SellerId) = (feedback.BuyerId, feedback.OrderId, feedback.SellerId);
                (s.Rating, s.Text, s.CreatedAt) = (feedback.Rating, feedback.Text, now);
                return View(s)!;
            },
            GrainFactory.GetGrain<IRatingTallyGrain>(ReviewIds.SellerTally(feedback.SellerId)),
            feedback.Rating);
        if (!written.Succeeded)
        {
            return written;
        }

        logger.LogInformation("Feedback {FeedbackId} on seller {SellerId} for order {OrderId}: {Rating} stars", FeedbackId, feedback.SellerId, feedback.OrderId, feedback.Rating);
        await GrainFactory.GetGrain<INotificationInboxGrain>(feedback.SellerId).AddAsync(new Notification(
            $"{NotificationTypes.FeedbackReceived}:{FeedbackId:N}",
            NotificationTypes.FeedbackReceived,
            "New feedback",
            $"A buyer rated you {feedback.Rating} of {Ratings.Max} for order {feedback.OrderId}.",
            $"/api/sellers/{feedback.SellerId}/feedback",
            now));
        return written;
    }

    async Task<SellerFeedbackView?> ISellerFeedbackGrain.GetAsync()
    {
        SellerFeedbackView? view = null;
        await transactions.RunAsync(async () => view = await state.PerformRead(View));
        return view;
    }

    private SellerFeedbackView? View(SellerFeedbackState s) =>
        s.BuyerId == Guid.Empty ? null : new(FeedbackId, s.OrderId, s.SellerId, s.BuyerId, s.Rating, s.Text, s.CreatedAt);
}
