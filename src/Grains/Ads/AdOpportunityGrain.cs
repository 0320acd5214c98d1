using GrainMarket.Common;
using GrainMarket.Notifications;
using GrainMarket.Orders;
using GrainMarket.Wallets;
using Microsoft.Extensions.Logging;

namespace GrainMarket.Ads;

/// <summary>
/// One advertising opportunity (<see cref="IAdOpportunityGrain"/>). Each step is one transaction: it reads the
/// opportunity, refuses or finds the step done already, moves the money (the seller's escrow hold, the advertiser's
/// payment, the platform's fee), then updates the state, whose read-model rows are written in the same commit
/// (<see cref="AdOpportunityProjection"/>). The parties hear of each step after the commit, once per step (deterministic
/// notification ids). The deadline is a durable reminder that closes the opportunity.
/// </summary>
/// <remarks>
/// Reentrant, as the order grain: a read or the deadline's tick need not wait behind a step that awaits the wallets.
/// Invariant across every await: the opportunity lives only in the transactional state, read and changed only inside
/// transactions whose locks (not the turn) order concurrent steps; the grain keeps no fields, and every step reads the
/// opportunity again inside its transaction before it changes it. It calls wallets and inboxes, which never call it.
/// </remarks>
[Reentrant]
[GrainType("ad-opportunity")]
public sealed partial class AdOpportunityGrain(
    [TransactionalState("opportunity")] ITransactionalState<AdOpportunityState> opportunity,
    ITransactionClient transactions,
    OrderSettings settings,
    TimeProvider time,
    ILogger<AdOpportunityGrain> logger) : Grain, IAdOpportunityGrain, IRemindable
{
    private const string DeadlineReminder = "deadline";

    /// <summary>The answer of a check that finds the step done already: commit nothing, answer the opportunity.</summary>
    private static readonly DomainError Done = new(ErrorCodes.InvalidAdTransition, "done");

    private Guid Id => this.GetPrimaryKey();

    async Task<Result<AdOpportunityView>> IAdOpportunityGrain.PostAsync(NewAdOpportunity request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var posted = await StepAsync(
            view => view is null ? null : view.SellerId == request.SellerId ? Done : NotFound(),
            async _ =>
            {
                var held = await Wallet(request.SellerId).HoldAsync(AdIds.EscrowHold(Id), request.Budget, AdIds.Reference(Id), expiresAt: null, neverUsed: true);
                return held.Error;
            },
            (s, now) =>
            {
                s.SellerId = request.SellerId;
                s.Title = request.Title;
                s.Brief = request.Brief;
                s.CategoryId = request.CategoryId;
                s.Budget = request.Budget;
                s.Deadline = request.Deadline;
                s.Status = AdOpportunityStatuses.Open;
                s.CreatedAt = now;
                s.UpdatedAt = now;
            });
        if (posted.Value is { Status: AdOpportunityStatuses.Open } open)
        {
            // After the commit, and again on every repeat: a post whose registration failed gets it on its retry.
            var due = open.Deadline - time.GetUtcNow();
            await this.RegisterOrUpdateReminder(DeadlineReminder, (due > TimeSpan.Zero ? due : TimeSpan.Zero) + TimeSpan.FromMilliseconds(250), OneShotReminder.RetryPeriod);
            logger.LogInformation("Ad opportunity {OpportunityId} of seller {SellerId} open with budget {Budget} until {Deadline}", Id, open.SellerId, open.Budget, open.Deadline);
        }

        return posted;
    }

    Task<AdOpportunityView?> IAdOpportunityGrain.GetAsync() => ReadAsync();

    async Task<Result<AdOpportunityView>> IAdOpportunityGrain.ApplyAsync(Guid advertiserId, string pitch, long proposedAmount)
    {
        var engagementId = AdIds.Engagement(Id, advertiserId);
        var applied = await StepAsync(
            view => view is null ? NotFound()
                : view.Engagements.Any(e => e.Id == engagementId) ? Done
                : view.SellerId == advertiserId ? new DomainError(ErrorCodes.AdOwnOpportunity, "You cannot apply to your own opportunity.")
                : ClosedRefusal(view, "take applications")
                ?? (view.Engagements.Count >= IAdOpportunityGrain.MaxEngagements
                    ? new DomainError(ErrorCodes.AdApplicationsFull, $"The opportunity has its {IAdOpportunityGrain.MaxEngagements} applications already.")
                    : null),
            null,
            (s, now) => s.Engagements.Add(new AdEngagementRecord
            {
                Id = engagementId,
                AdvertiserId = advertiserId,
                Pitch = pitch,
                ProposedAmount = proposedAmount,
                CreatedAt = now,
                UpdatedAt = now,
            }));
        if (applied.Value is { } view)
        {
            await NotifyAsync(view.SellerId, engagementId, AdEngagementStatuses.Applied, "New application to your opportunity", $"An advertiser applied to \"{view.Title}\" proposing {proposedAmount}.");
        }

        return applied;
    }

    async Task<Result<AdOpportunityView>> IAdOpportunityGrain.AcceptAsync(Guid sellerId, Guid engagementId, long agreedAmount)
    {
        var accepted = await EngagementStepAsync(sellerId, engagementId, bySeller: true, (view, engagement) =>
            engagement.Status == AdEngagementStatuses.Accepted && engagement.AgreedAmount == agreedAmount ? Done
            : engagement.Status != AdEngagementStatuses.Applied ? Transition(engagement, "accepted")
            : ClosedRefusal(view, "accept applications")
            ?? (agreedAmount > view.Uncommitted
                ? new DomainError(ErrorCodes.AdBudgetExceeded, $"Agreeing {agreedAmount} would take the agreed amounts past the budget of {view.Budget}: {view.Uncommitted} is left.", "agreedAmount",
                    new Dictionary<string, long> { ["budget"] = view.Budget, ["committed"] = view.Committed, ["uncommitted"] = view.Uncommitted, ["requested"] = agreedAmount })
                : null),
            null,
            engagement =>
            {
                engagement.AgreedAmount = agreedAmount;
                engagement.Status = AdEngagementStatuses.Accepted;
            });
        if (accepted.Value is { } view)
        {
            await NotifyAsync(AdvertiserOf(view, engagementId), engagementId, AdEngagementStatuses.Accepted, "Your application was accepted", $"The seller accepted your application to \"{view.Title}\" for {agreedAmount}; submit your proof when it runs.");
        }

        return accepted;
    }

    async Task<Result<AdOpportunityView>> IAdOpportunityGrain.SubmitProofAsync(Guid advertiserId, Guid engagementId, AdProof proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        var submitted = await EngagementStepAsync(advertiserId, engagementId, bySeller: false, (view, engagement) =>
            engagement.Status == AdEngagementStatuses.Submitted && SameProof(engagement.Proof, proof) ? Done
            : engagement.Status is not (AdEngagementStatuses.Accepted or AdEngagementStatuses.Rejected) ? Transition(engagement, "take a proof")
            : ClosedRefusal(view, "take proofs"),
            null,
            engagement =>
            {
                engagement.Proof = proof;
                engagement.Status = AdEngagementStatuses.Submitted;
            });
        if (submitted.Value is { } view)
        {
            var round = view.Engagements.First(e => e.Id == engagementId).Rejections;
            await NotifyAsync(view.SellerId, engagementId, $"{AdEngagementStatuses.Submitted}-{round}", "Proof to review", $"An advertiser submitted their proof for \"{view.Title}\".");
        }

        return submitted;
    }

    async Task<Result<AdOpportunityView>> IAdOpportunityGrain.ApproveAsync(Guid sellerId, Guid engagementId)
    {
        var approved = await EngagementStepAsync(sellerId, engagementId, bySeller: true, (view, engagement) =>
            engagement.Status == AdEngagementStatuses.Approved ? Done
            : engagement.Status != AdEngagementStatuses.Submitted ? Transition(engagement, "approved")
            : ClosedRefusal(view, "pay advertisers"),
            PayAsync,
            engagement =>
            {
                engagement.Fee = Settlement.Fee(engagement.AgreedAmount!.Value, settings.PlatformFeeBps);
                engagement.Paid = engagement.AgreedAmount.Value - engagement.Fee;
                engagement.Status = AdEngagementStatuses.Approved;
            },
            (s, engagement) => s.Spent += engagement.AgreedAmount!.Value);
        if (approved.Value is { } view)
        {
            var engagement = view.Engagements.First(e => e.Id == engagementId);
            await NotifyAsync(engagement.AdvertiserId, engagementId, AdEngagementStatuses.Approved, "Your proof was approved", $"The seller approved your proof for \"{view.Title}\": {engagement.Paid} was paid to your wallet.");
        }

        return approved;
    }

    async Task<Result<AdOpportunityView>> IAdOpportunityGrain.RejectAsync(Guid sellerId, Guid engagementId, string reason)
    {
        var rejected = await EngagementStepAsync(sellerId, engagementId, bySeller: true, (view, engagement) =>
            engagement.Status is AdEngagementStatuses.Rejected or AdEngagementStatuses.Ended && engagement.RejectionReason == reason ? Done
            : engagement.Status != AdEngagementStatuses.Submitted ? Transition(engagement, "rejected")
            : ClosedRefusal(view, "review proofs"),
            null,
            engagement =>
            {
                engagement.Rejections++;
                engagement.RejectionReason = reason;
                engagement.Status = engagement.Rejections > 1 ? AdEngagementStatuses.Ended : AdEngagementStatuses.Rejected;
            });
        if (rejected.Value is { } view)
        {
            var engagement = view.Engagements.First(e => e.Id == engagementId);
            var (title, body) = engagement.Status == AdEngagementStatuses.Ended
                ? ("Your engagement ended", $"The seller rejected your proof for \"{view.Title}\" a second time: {reason}")
                : ("Your proof was rejected", $"The seller rejected your proof for \"{view.Title}\": {reason}. You may submit it once more.");
            await NotifyAsync(engagement.AdvertiserId, engagementId, $"{AdEngagementStatuses.Rejected}-{engagement.Rejections}", title, body);
        }

        return rejected;
    }

    Task<Result<AdOpportunityView>> IAdOpportunityGrain.CancelAsync(Guid sellerId) =>
        CloseAsync(AdOpportunityStatuses.Cancelled, view =>
            view.SellerId != sellerId ? NotFound()
            : view.Status == AdOpportunityStatuses.Cancelled ? Done
            : view.Status != AdOpportunityStatuses.Open ? new DomainError(ErrorCodes.InvalidAdTransition, $"An opportunity that is {view.Status} cannot be cancelled.")
            : null);

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == DeadlineReminder)
        {
            var view = await ReadAsync();
            if (view is { Status: AdOpportunityStatuses.Open } && view.Deadline <= time.GetUtcNow())
            {
                await CloseAsync(AdOpportunityStatuses.Closed, current => current.Status == AdOpportunityStatuses.Open ? null : Done);
                view = await ReadAsync();
            }

            if (view is { Status: AdOpportunityStatuses.Open })
            {
                // Not due yet by this grain's clock (the reminders keep their own): the next tick looks again.
                return;
            }
        }

        // Closed, cancelled, never posted, or a reminder this grain does not register: nothing is left to do.
        await OneShotReminder.CompleteAsync(this, reminderName);
    }

    /// <summary>Closes the opportunity: the escrow hold is released (what is left of the budget), and every engagement not approved lapses.</summary>
    private async Task<Result<AdOpportunityView>> CloseAsync(string status, Func<AdOpportunityView, DomainError?> check)
    {
        var closed = await StepAsync(
            view => view is null ? NotFound() : check(view),
            async view =>
            {
                var released = await Wallet(view.SellerId).ReleaseAsync(AdIds.EscrowHold(Id));
                if (released.Value?.Status != HoldStatuses.Released)
                {
                    // Only this grain resolves its escrow hold, and only here: anything else is a broken invariant.
                    throw new InvalidOperationException($"Ad opportunity {Id}: its escrow hold came out {released.Value?.Status ?? released.Error?.Code}, not released.");
                }

                return null;
            },
            (s, now) =>
            {
                s.Status = status;
                s.ClosedAt = now;
                s.UpdatedAt = now;
                foreach (var engagement in s.Engagements.Where(e => e.Status is not (AdEngagementStatuses.Approved or AdEngagementStatuses.Ended)))
                {
                    engagement.Status = AdEngagementStatuses.Lapsed;
                    engagement.UpdatedAt = now;
                }
            });
        if (closed.Value is { } view && view.Status == status)
        {
            logger.LogInformation("Ad opportunity {OpportunityId} {Status}: {Spent} of {Budget} spent, the rest back to seller {SellerId}", Id, status, view.Spent, view.Budget, view.SellerId);
            var why = status == AdOpportunityStatuses.Cancelled ? "was cancelled" : "reached its deadline";
            var notices = view.Engagements.Where(e => e.Status == AdEngagementStatuses.Lapsed)
                .Select(e => NotifyAsync(e.AdvertiserId, e.Id, AdEngagementStatuses.Lapsed, "An opportunity closed", $"\"{view.Title}\" {why}; your engagement lapsed."))
                .Append(NotifyAsync(view.SellerId, Id, status, "Your opportunity closed", $"\"{view.Title}\" {why}: {view.Budget - view.Spent} of its budget is back in your wallet."));
            await Task.WhenAll(notices);
        }

        return closed;
    }

    /// <summary>
    /// The approval's money, inside its transaction: the agreed amount leaves the escrow hold (a smaller hold: RELEASE),
    /// is held again under the engagement's own payment hold (HOLD), and that is captured at once (CAPTURE) into the
    /// advertiser's PAYMENT and the platform's FEE. The seller's available balance ends where it was.
    /// </summary>
    private async Task<DomainError?> PayAsync(AdOpportunityView view, AdEngagementView engagement)
    {
        var agreed = engagement.AgreedAmount!.Value;
        var fee = Settlement.Fee(agreed, settings.PlatformFeeBps);
        var wallet = Wallet(view.SellerId);
        var reference = AdIds.Reference(Id);
        var payHold = AdIds.PaymentHold(Id, engagement.Id);
        var shrunk = await wallet.SetHoldAsync(AdIds.EscrowHold(Id), view.Escrow - agreed, reference);
        var held = shrunk.Error ?? (await wallet.HoldAsync(payHold, agreed, reference, expiresAt: null, neverUsed: true)).Error;
        Payout[] payouts = [new(WalletKeys.ForUser(engagement.AdvertiserId), LedgerEntryTypes.Payment, agreed - fee), new(WalletKeys.Platform, LedgerEntryTypes.Fee, fee)];
        var captured = held ?? (await wallet.CaptureAsync(payHold, agreed, [.. payouts.Where(p => p.Amount > 0)])).Error;
        if (captured is not null)
        {
            // The escrow holds every agreed amount, and only this grain moves it: a refusal here is a broken invariant.
            throw new InvalidOperationException($"Ad opportunity {Id}: paying engagement {engagement.Id} ({agreed}) failed: {captured.Code} {captured.Detail}");
        }

        return null;
    }
}
