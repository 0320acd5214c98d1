using GrainMarket.Common;
using GrainMarket.Notifications;
using GrainMarket.Wallets;

namespace GrainMarket.Ads;

/// <summary>The opportunity's step machinery: one transaction per step, the refusals its checks answer, and the notices after a commit.</summary>
public sealed partial class AdOpportunityGrain
{
    /// <summary>
    /// A step on one engagement by its seller (<paramref name="bySeller"/>) or its advertiser: someone else is told the
    /// opportunity or the engagement is not found (an advertiser of the opportunity trying a seller's step: forbidden).
    /// </summary>
    private Task<Result<AdOpportunityView>> EngagementStepAsync(
        Guid userId,
        Guid engagementId,
        bool bySeller,
        Func<AdOpportunityView, AdEngagementView, DomainError?> check,
        Func<AdOpportunityView, AdEngagementView, Task<DomainError?>>? effects,
        Action<AdEngagementRecord> update,
        Action<AdOpportunityState, AdEngagementRecord>? alsoUpdate = null)
    {
        AdEngagementView? target = null;
        return StepAsync(
            view =>
            {
                if (view is null || (bySeller && view.SellerId != userId && view.Engagements.All(e => e.AdvertiserId != userId)))
                {
                    return NotFound();
                }

                if (bySeller && view.SellerId != userId)
                {
                    return new DomainError(ErrorCodes.Forbidden, "Only the opportunity's seller takes this step.");
                }

                target = view.Engagements.FirstOrDefault(e => e.Id == engagementId && (bySeller || e.AdvertiserId == userId));
                return target is null ? new DomainError(ErrorCodes.AdEngagementNotFound, "The opportunity has no such engagement of yours.", "engagementId") : check(view, target);
            },
            effects is null ? null : view => effects(view, target!),
            (s, now) =>
            {
                var engagement = s.Find(engagementId)!;
                update(engagement);
                alsoUpdate?.Invoke(s, engagement);
                engagement.UpdatedAt = now;
                s.UpdatedAt = now;
            });
    }

    /// <summary>
    /// A step in one transaction: <paramref name="check"/> the opportunity as the transaction reads it (null: go on;
    /// <see cref="Done"/>: it happened already, answer the opportunity), then the <paramref name="effects"/> on wallets
    /// (a refusal aborts everything), then <paramref name="update"/> the state.
    /// </summary>
    private async Task<Result<AdOpportunityView>> StepAsync(Func<AdOpportunityView?, DomainError?> check, Func<AdOpportunityView, Task<DomainError?>>? effects, Action<AdOpportunityState, DateTimeOffset> update)
    {
        DomainError? refusal = null;
        AdOpportunityView? answer = null;
        await transactions.RunAsync(async () =>
        {
            (refusal, answer) = (null, null);
            var view = await opportunity.PerformRead(s => s.View(Id));
            if (check(view) is { } refused)
            {
                refusal = ReferenceEquals(refused, Done) ? null : refused;
                answer = view;
                return false;
            }

            if (effects is not null && await effects(view!) is { } blocked)
            {
                refusal = blocked;
                return false;
            }

            var now = time.GetUtcNow();
            answer = await opportunity.PerformUpdate(s =>
            {
                update(s, now);
                return s.View(Id);
            });
            return true;
        });

        return refusal is not null ? refusal : answer!;
    }

    private async Task<AdOpportunityView?> ReadAsync()
    {
        AdOpportunityView? view = null;
        await transactions.RunAsync(async () => view = await opportunity.PerformRead(s => s.View(Id)));
        return view;
    }

    private DomainError? ClosedRefusal(AdOpportunityView view, string what) =>
        view.Status != AdOpportunityStatuses.Open || view.Deadline <= time.GetUtcNow()
            ? new DomainError(ErrorCodes.InvalidAdTransition, $"The opportunity is past its deadline or {view.Status}: it does not {what}.")
            : null;

    private static DomainError Transition(AdEngagementView engagement, string to) =>
        new(ErrorCodes.InvalidAdTransition, $"An engagement that is {engagement.Status} cannot be {to}.");

    private static bool SameProof(AdProof? first, AdProof second) =>
        first is not null && first.MediaUrl == second.MediaUrl && first.Link == second.Link
        && first.Stats.Count == second.Stats.Count && first.Stats.All(s => second.Stats.TryGetValue(s.Key, out var value) && value == s.Value);

    private static Guid AdvertiserOf(AdOpportunityView view, Guid engagementId) => view.Engagements.First(e => e.Id == engagementId).AdvertiserId;

    private static DomainError NotFound() => new(ErrorCodes.AdOpportunityNotFound, "The opportunity was not found.");

    private IWalletGrain Wallet(Guid userId) => GrainFactory.GetGrain<IWalletGrain>(WalletKeys.ForUser(userId));

    private Task NotifyAsync(Guid userId, Guid subjectId, string step, string title, string body) =>
        GrainFactory.GetGrain<INotificationInboxGrain>(userId).AddAsync(
            new Notification($"ad:{Id:N}:{subjectId:N}:{step}", NotificationTypes.AdUpdated, title, body, $"/api/ads/opportunities/{Id}", time.GetUtcNow()));
}
