using GrainMarket.Common;

namespace GrainMarket.Promoters;

[GrainType("referralcode")]
public sealed class ReferralCodeGrain(
    [TransactionalState("referralcode")] ITransactionalState<ReferralCodeState> referral,
    TimeProvider timeProvider) : Grain, IReferralCodeGrain
{
    /// <summary>How many days of clicks the state keeps; the read model keeps them all.</summary>
    public const int DaysKept = 62;

    private string Code => this.GetPrimaryKeyString();

    Task<Result<ReferralCodeView>> IReferralCodeGrain.CreateAsync(Guid promoterId, Guid? productId)
    {
        var now = timeProvider.GetUtcNow();
        return referral.PerformUpdate<Result<ReferralCodeView>>(s =>
        {
            if (s.PromoterId != Guid.Empty)
            {
                return new DomainError(ErrorCodes.ReferralCodeTaken, $"A referral code {Code} exists already.", "code");
            }

            (s.PromoterId, s.ProductId, s.Active, s.CreatedAt) = (promoterId, productId, true, now);
            return View(s);
        });
    }

    Task<ReferralCodeView?> IReferralCodeGrain.GetAsync() => referral.PerformRead(s => s.PromoterId == Guid.Empty ? null : View(s));

    Task<Result<ReferralCodeView>> IReferralCodeGrain.DeactivateAsync(Guid promoterId) =>
        referral.PerformUpdate<Result<ReferralCodeView>>(s =>
        {
            if (s.PromoterId == Guid.Empty || s.PromoterId != promoterId)
            {
                return new DomainError(ErrorCodes.ReferralCodeNotFound, $"You have no referral code {Code}.", "code");
            }

            s.Active = false;
            return View(s);
        });

    Task<ReferralCodeView?> IReferralCodeGrain.ClickAsync()
    {
        var today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);

        // One exclusive update, no read first: a read lock upgraded to a write lock aborts under racing clicks.
        return referral.PerformUpdate(s =>
        {
            if (s.PromoterId == Guid.Empty || !s.Active)
            {
                return null;
            }

            s.Clicks++;
            s.ClicksByDay[today] = s.ClicksByDay.GetValueOrDefault(today) + 1;
            foreach (var old in s.ClicksByDay.Keys.Where(day => day.DayNumber <= today.DayNumber - DaysKept).ToList())
            {
                s.ClicksByDay.Remove(old);
            }

            return View(s);
        });
    }

    private ReferralCodeView View(ReferralCodeState s) => new(Code, s.PromoterId, s.ProductId, s.Active, s.Clicks, s.CreatedAt);
}
