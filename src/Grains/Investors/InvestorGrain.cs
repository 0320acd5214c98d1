using GrainMarket.Common;
using GrainMarket.Wallets;
using Microsoft.Extensions.Logging;

namespace GrainMarket.Investors;

/// <summary>
/// An investor (<see cref="IInvestorGrain"/>): stakes are records only; a payout moves money from the platform's wallet
/// to the investor's in the same transaction that records it. Read first, refuse or answer a repeat, move the money,
/// then write once; the <c>investors</c> row is written with the state (<see cref="InvestorProjection"/>).
/// </summary>
/// <remarks>
/// Reentrant, as the withdrawal grain: the state changes only inside <c>PerformUpdate</c> on the transaction's own
/// copy, and the transactional locks, not turn order, keep two payouts of one id from both paying.
/// </remarks>
[Reentrant]
[GrainType("investor")]
public sealed class InvestorGrain(
    [TransactionalState("investor")] ITransactionalState<InvestorState> investor,
    TimeProvider time,
    ILogger<InvestorGrain> logger) : Grain, IInvestorGrain
{
    private Guid Id => this.GetPrimaryKey();

    Task<Result<InvestorStatement>> IInvestorGrain.RecordStakeAsync(InvestorStake stake)
    {
        ArgumentNullException.ThrowIfNull(stake);
        return RecordOnceAsync("stakes", stake.Id, stake.Amount, s => s.Stakes.Exists(x => x.Id == stake.Id), s => s.Stakes.Count, s => s.Stakes.Add(stake), () => Task.FromResult<DomainError?>(null));
    }

    Task<Result<InvestorStatement>> IInvestorGrain.PayAsync(InvestorPayout payout)
    {
        ArgumentNullException.ThrowIfNull(payout);
        return RecordOnceAsync("payouts", payout.Id, payout.Amount, s => s.Payouts.Exists(x => x.Id == payout.Id), s => s.Payouts.Count, s => s.Payouts.Add(payout), async () =>
        {
            var platform = GrainFactory.GetGrain<IWalletGrain>(WalletKeys.Platform);
            var hold = InvestorIds.PayoutHold(payout.Id);
            var held = await platform.HoldAsync(hold, payout.Amount, InvestorIds.Reference(Id), expiresAt: null, neverUsed: true);
            if (held.Error is { } refused)
            {
                // The platform's wallet is short: the hold changed nothing, and nothing else is written.
                return refused;
            }

            var paid = await platform.CaptureAsync(hold, payout.Amount, [new Payout(WalletKeys.ForUser(Id), LedgerEntryTypes.Payment, payout.Amount)]);
            if (paid.Value?.Status != HoldStatuses.Captured)
            {
                // The hold was placed just now by this transaction: failing to capture it is a broken invariant, and throwing aborts it all.
                throw new InvalidOperationException($"Investor {Id}: payout {payout.Id} could not capture its platform hold: {paid.Value?.Status ?? paid.Error?.Code}");
            }

            return null;
        });
    }

    Task<InvestorStatement> IInvestorGrain.GetStatementAsync() => investor.PerformRead(s => s.Statement(Id));

    /// <summary>
    /// Records one stake or payout: a record already there answers the statement as it is; otherwise the state's limit,
    /// then <paramref name="effects"/> (a refusal writes nothing), then the record is added and the state written once.
    /// </summary>
    private async Task<Result<InvestorStatement>> RecordOnceAsync(
        string what, Guid recordId, long amount, Func<InvestorState, bool> known, Func<InvestorState, int> count, Action<InvestorState> add, Func<Task<DomainError?>> effects)
    {
        var (exists, held) = await investor.PerformRead(s => (known(s), count(s)));
        if (!exists)
        {
            if (held >= IInvestorGrain.MaxRecords)
            {
                return DomainError.Invalid("amount", $"an investor holds at most {IInvestorGrain.MaxRecords} {what}");
            }

            if (await effects() is { } refused)
            {
                return refused;
            }

            var now = time.GetUtcNow();
            await investor.PerformUpdate(s =>
            {
                add(s);
                Touch(s, now);
            });
            logger.LogInformation("Investor {InvestorId}: {Records} record {RecordId} of {Amount} added", Id, what, recordId, amount);
        }

        return await investor.PerformRead(s => s.Statement(Id));
    }

    private static void Touch(InvestorState state, DateTimeOffset now)
    {
        if (state.CreatedAt == default)
        {
            state.CreatedAt = now;
        }

        state.UpdatedAt = now;
    }
}
