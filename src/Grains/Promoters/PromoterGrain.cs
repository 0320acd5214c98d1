using GrainMarket.Common;
using GrainMarket.Wallets;
using Microsoft.Extensions.Logging;

namespace GrainMarket.Promoters;

// A transactional grain needs no [Reentrant]: its state's locks order the completions and refunds that join it. It
// calls wallets only, which never call it back.
[GrainType("promoter")]
public sealed class PromoterGrain(
    [TransactionalState("promoter")] ITransactionalState<PromoterState> promoter,
    ITransactionClient transactions,
    PromoterSettings settings,
    TimeProvider timeProvider,
    ILogger<PromoterGrain> logger) : Grain, IPromoterGrain, IRemindable
{
    private const string RenewalReminder = "renew";

    private Guid PromoterId => this.GetPrimaryKey();

    private string OwnWallet => WalletKeys.ForUser(PromoterId);

    private string SubscriptionReference => $"promoter-subscription:{PromoterId:N}";

    Task<PromoterView> IPromoterGrain.GetAsync() => promoter.PerformRead(View);

    async Task<DomainError?> IPromoterGrain.CreditAsync(CommissionMovement commission)
    {
        ArgumentNullException.ThrowIfNull(commission);
        var debts = await promoter.PerformRead(s => s.Debts.ToList());
        var owed = debts.Select(d => d.Amount).ToArray();
        for (var i = 0; i < commission.Shares.Count; i++)
        {
            var share = commission.Shares[i];
            if (share.Amount <= 0 || share.WalletId == OwnWallet)
            {
                // A seller who refers their own product's buyer pays themself: nothing moves.
                continue;
            }

            // Debts first, oldest first: a debt owed to the paying wallet itself is repaid by its keeping the money.
            var payouts = new Dictionary<string, long>();
            var (left, kept) = (share.Amount, 0L);
            for (var j = 0; j < debts.Count && left > 0; j++)
            {
                var repaid = Math.Min(left, owed[j]);
                (owed[j], left) = (owed[j] - repaid, left - repaid);
                if (debts[j].CreditorWalletId == share.WalletId)
                {
                    kept += repaid;
                }
                else if (repaid > 0)
                {
                    payouts[debts[j].CreditorWalletId] = payouts.GetValueOrDefault(debts[j].CreditorWalletId) + repaid;
                }
            }

            payouts[OwnWallet] = payouts.GetValueOrDefault(OwnWallet) + left;
            if (share.Amount - kept is var amount and > 0 && await PayAsync(share.WalletId, $"{commission.OperationId}:{i}", amount, commission.Reference, payouts) is { } refused)
            {
                return refused;
            }
        }

        if (owed.Zip(debts).Any(d => d.First != d.Second.Amount))
        {
            await promoter.PerformUpdate(s => s.Debts = [.. debts.Select((d, j) => d with { Amount = owed[j] }).Where(d => d.Amount > 0)]);
        }

        return null;
    }

    async Task<long> IPromoterGrain.ClawBackAsync(CommissionMovement clawback, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(clawback);
        var available = (await GrainFactory.GetGrain<IWalletGrain>(OwnWallet).GetBalanceAsync()).Available;
        var debts = new List<PromoterDebt>();
        for (var i = 0; i < clawback.Shares.Count; i++)
        {
            var share = clawback.Shares[i];
            if (share.Amount <= 0 || share.WalletId == OwnWallet)
            {
                continue;
            }

            var taken = Math.Min(share.Amount, Math.Max(0, available));
            available -= taken;
            if (taken > 0 && await PayAsync(OwnWallet, $"{clawback.OperationId}:{i}", taken, clawback.Reference, new Dictionary<string, long> { [share.WalletId] = taken }) is { } refused)
            {
                throw new InvalidOperationException($"Promoter {PromoterId} could not pay back {taken} of {clawback.Reference}: {refused.Code} {refused.Detail}");
            }

            if (share.Amount > taken)
            {
                debts.Add(new PromoterDebt(share.WalletId, share.Amount - taken, clawback.Reference, at));
            }
        }

        if (debts.Count > 0)
        {
            await promoter.PerformUpdate(s => s.Debts.AddRange(debts));
            logger.LogInformation("Promoter {PromoterId} owes {Debt} of the clawback {Reference}", PromoterId, debts.Sum(d => d.Amount), clawback.Reference);
        }

        return debts.Sum(d => d.Amount);
    }

    async Task<Result<PromoterView>> IPromoterGrain.SubscribeAsync()
    {
        var charged = await ChargeAsync(renewal: false);
        if (charged.Value is { PaidUntil: { } paidUntil })
        {
            await this.RegisterOrUpdateReminder(RenewalReminder, Until(paidUntil), OneShotReminder.RetryPeriod);
        }

        return charged;
    }

    async Task<PromoterView> IPromoterGrain.CancelSubscriptionAsync()
    {
        PromoterView? view = null;
        await transactions.RunAsync(async () => view = await promoter.PerformUpdate(s =>
        {
            s.Renews = false;
            return View(s);
        }));
        await OneShotReminder.CompleteAsync(this, RenewalReminder);
        return view!;
    }

    /// <summary>
    /// At the end of a paid period: charge the next one while the subscription renews; a wallet short of the price lapses
    /// it (it stops renewing). The reminder stays until the period's charge or lapse has committed, then moves to the
    /// end of the next period or goes.
    /// </summary>
    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != RenewalReminder)
        {
            await OneShotReminder.CompleteAsync(this, reminderName);
            return;
        }

        var view = await ReadAsync();
        if (view is { Renews: true, PaidUntil: { } due } && due <= timeProvider.GetUtcNow())
        {
            var charged = await ChargeAsync(renewal: true);
            view = charged.Value ?? await ReadAsync();
        }

        if (view is { Renews: true, PaidUntil: { } next })
        {
            await this.RegisterOrUpdateReminder(RenewalReminder, Until(next), OneShotReminder.RetryPeriod);
        }
        else
        {
            await OneShotReminder.CompleteAsync(this, RenewalReminder);
        }
    }

    /// <summary>
    /// Charges one period to the promoter's wallet (a hold captured at once as a PAYMENT to the platform) and extends the
    /// paid time by it: from its end while paid or renewing, from now otherwise. A renewal that finds the wallet short
    /// lapses instead.
    /// </summary>
    private async Task<Result<PromoterView>> ChargeAsync(bool renewal)
    {
        var now = timeProvider.GetUtcNow();
        DomainError? refusal = null;
        PromoterView? view = null;
        await transactions.RunAsync(async () =>
        {
            (refusal, view) = (null, null);
            var (paidUntil, periods) = await promoter.PerformRead(s => (s.PaidUntil, s.Periods));
            var payouts = new Dictionary<string, long> { [WalletKeys.Platform] = settings.SubscriptionPrice };
            if (await PayAsync(OwnWallet, $"{SubscriptionReference}:{periods + 1}", settings.SubscriptionPrice, SubscriptionReference, payouts, LedgerEntryTypes.Payment) is { } shortOfFunds)
            {
                refusal = shortOfFunds;
                if (!renewal)
                {
                    return false;
                }

                view = await promoter.PerformUpdate(s =>
                {
                    s.Renews = false;
                    return View(s);
                });
                return true;
            }

            // A renewal continues the month that ended, however late its tick; a new subscription starts now.
            var from = (renewal || paidUntil > now) && paidUntil is { } end ? end : now;
            view = await promoter.PerformUpdate(s =>
            {
                (s.PaidUntil, s.Renews, s.Periods) = (from + settings.SubscriptionPeriod, true, periods + 1);
                return View(s);
            });
            return true;
        });

        if (refusal is not null && renewal)
        {
            logger.LogInformation("Promoter {PromoterId}'s subscription lapsed: {Detail}", PromoterId, refusal.Detail);
        }

        return refusal is not null && !renewal ? refusal : view!;
    }

    /// <summary>
    /// Holds <paramref name="amount"/> in <paramref name="walletId"/> under <paramref name="holdId"/> and captures it at
    /// once into <paramref name="payouts"/> (COMMISSION unless said otherwise); the hold's refusal (insufficient-funds)
    /// changes nothing.
    /// </summary>
    private async Task<DomainError?> PayAsync(string walletId, string holdId, long amount, string reference, Dictionary<string, long> payouts, string type = LedgerEntryTypes.Commission)
    {
        var wallet = GrainFactory.GetGrain<IWalletGrain>(walletId);
        if ((await wallet.HoldAsync(holdId, amount, reference, null)).Error is { } refused)
        {
            return refused;
        }

        var captured = await wallet.CaptureAsync(holdId, amount, [.. payouts.Where(p => p.Value > 0).Select(p => new Payout(p.Key, type, p.Value))]);
        return captured.Succeeded ? null : throw new InvalidOperationException($"Wallet {walletId} could not capture {holdId}: {captured.Error!.Code} {captured.Error.Detail}");
    }

    private async Task<PromoterView> ReadAsync()
    {
        PromoterView? view = null;
        await transactions.RunAsync(async () => view = await promoter.PerformRead(View));
        return view!;
    }

    private TimeSpan Until(DateTimeOffset at) => at - timeProvider.GetUtcNow() is var due && due > TimeSpan.Zero ? due : TimeSpan.Zero;

    private static PromoterView View(PromoterState s) => new([.. s.Debts], s.PaidUntil, s.Renews);
}
