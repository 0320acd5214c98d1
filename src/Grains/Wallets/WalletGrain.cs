using GrainMarket.Common;
using Microsoft.Extensions.Logging;

namespace GrainMarket.Wallets;

/// <summary>
/// A wallet: balances and the entries of its last transaction in one transactional state, whose read models
/// (<c>wallets</c>, <c>ledger_entries</c>) commit with it (<see cref="WalletProjection"/>), and each hold a record of
/// its own beside it, changed in the same transaction as the balances. A hold with a deadline has a durable one-shot
/// reminder that expires it; capturing or releasing a hold past its deadline expires it first.
/// </summary>
[Reentrant]
[GrainType("wallet")]
public sealed class WalletGrain(
    [TransactionalState("wallet")] ITransactionalState<WalletState> wallet,
    [TransactionalState("holds")] ITransactionalRecords<HoldRecord> holds,
    TimeProvider timeProvider,
    ILogger<WalletGrain> logger) : Grain, IWalletGrain, IRemindable
{
    private const string ExpiryReminderPrefix = "hold-expiry:";

    Task<WalletBalance> IWalletGrain.GetBalanceAsync() => wallet.PerformRead(s => s.Balance);

    async Task<Result<LedgerEntry>> IWalletGrain.CreditAsync(string operationId, string type, long amount, string reference)
    {
        if ((WalletRules.CheckOperation(operationId, "operationId") ?? WalletRules.CheckAmount(amount) ?? WalletRules.CheckReference(reference)) is { } invalid)
        {
            return invalid;
        }

        if (!LedgerEntryTypes.IsCredit(type))
        {
            return DomainError.Invalid("type", $"must be one of {string.Join(", ", LedgerEntryTypes.External.Concat(LedgerEntryTypes.Internal))}");
        }

        var now = timeProvider.GetUtcNow();
        var entry = await wallet.PerformUpdate(s => s.BeginUpdate().Credit(operationId, type, amount, reference, now));
        logger.LogInformation("Wallet {WalletId} credit {OperationId}: {Type} {Amount}, available {Available}", this.GetPrimaryKeyString(), operationId, entry.Type, entry.Amount, entry.Available);
        return entry;
    }

    async Task<Result<HoldView>> IWalletGrain.HoldAsync(string holdId, long amount, string reference, DateTimeOffset? expiresAt, bool neverUsed)
    {
        if ((WalletRules.CheckOperation(holdId, "holdId") ?? WalletRules.CheckAmount(amount) ?? WalletRules.CheckReference(reference)) is { } invalid)
        {
            return invalid;
        }

        var now = timeProvider.GetUtcNow();
        var held = await wallet.PerformUpdate(neverUsed ? holds.Unwritten(holdId) : holds[holdId], (s, hold) => s.BeginUpdate().Hold(hold, holdId, amount, reference, expiresAt, now));
        if (held.Value is { Status: HoldStatuses.Pending, ExpiresAt: { } deadline })
        {
            // Registered before the commit: if the transaction aborts, the reminder finds no hold and does nothing.
            await RegisterOrUpdateReminder(ExpiryReminderPrefix + holdId, deadline > now ? deadline - now : TimeSpan.Zero);
        }

        return held;
    }

    async Task<Result<HoldView>> IWalletGrain.SetHoldAsync(string holdId, long amount, string reference, long headroom)
    {
        var invalid = WalletRules.CheckOperation(holdId, "holdId") ?? WalletRules.CheckReference(reference)
            ?? (amount == 0 ? null : WalletRules.CheckAmount(amount))
            ?? (headroom == 0 ? null : WalletRules.CheckAmount(headroom, "headroom"));
        if (invalid is not null)
        {
            return invalid;
        }

        var now = timeProvider.GetUtcNow();
        return await wallet.PerformUpdate(holds[holdId], (s, hold) => s.BeginUpdate().SetHold(hold, holdId, amount, reference, now, headroom));
    }

    async Task<Result<HoldView>> IWalletGrain.CaptureAsync(string holdId, long amount, IReadOnlyList<Payout> payouts)
    {
        var self = this.GetPrimaryKeyString();
        if ((WalletRules.CheckOperation(holdId, "holdId") ?? WalletRules.CheckAmount(amount) ?? WalletRules.CheckPayouts(self, amount, payouts)) is { } invalid)
        {
            return invalid;
        }

        var now = timeProvider.GetUtcNow();
        var resolution = await wallet.PerformUpdate(holds[holdId], (s, hold) => s.BeginUpdate().Capture(hold, holdId, amount, now));
        if (resolution is { Applied: true, Result.Value: { Status: HoldStatuses.Captured } hold })
        {
            for (var i = 0; i < payouts.Count; i++)
            {
                var payout = payouts[i];
                var credited = await GrainFactory.GetGrain<IWalletGrain>(payout.WalletId).CreditAsync($"{self}/{holdId}:payout:{i}", payout.Type, payout.Amount, hold.Reference);
                if (!credited.Succeeded)
                {
                    // Checked above, so this is a broken invariant: throwing aborts the whole transaction, capture included.
                    throw new InvalidOperationException($"Capture of {holdId} in wallet {self} could not credit {payout.WalletId}: {credited.Error!.Detail}");
                }
            }

            logger.LogInformation("Wallet {WalletId} captured {Captured} of hold {HoldId} ({HoldAmount}) into {PayoutCount} payouts", self, hold.Captured, holdId, hold.Amount, payouts.Count);
        }

        return resolution.Result;
    }

    async Task<Result<HoldView>> IWalletGrain.ReleaseAsync(string holdId)
    {
        var now = timeProvider.GetUtcNow();
        return (await wallet.PerformUpdate(holds[holdId], (s, hold) => s.BeginUpdate().Release(hold, holdId, now))).Result;
    }

    async Task<Result<HoldView>> IWalletGrain.WithdrawAsync(string holdId)
    {
        var now = timeProvider.GetUtcNow();
        var resolution = await wallet.PerformUpdate(holds[holdId], (s, hold) => s.BeginUpdate().Withdraw(hold, holdId, now));
        if (resolution is { Applied: true, Result.Value: { } hold })
        {
            logger.LogInformation("Wallet {WalletId} paid out hold {HoldId}: {Status} {Captured}", this.GetPrimaryKeyString(), holdId, hold.Status, hold.Captured);
        }

        return resolution.Result;
    }

    async Task<Result<HoldView>> IWalletGrain.ExpireAsync(string holdId)
    {
        var now = timeProvider.GetUtcNow();
        var resolution = await wallet.PerformUpdate(holds[holdId], (s, hold) => s.BeginUpdate().Expire(hold, holdId, now));
        if (resolution is { Applied: true })
        {
            logger.LogInformation("Wallet {WalletId} expired hold {HoldId}", this.GetPrimaryKeyString(), holdId);
        }

        return resolution.Result;
    }

    Task<HoldView?> IWalletGrain.GetHoldAsync(string holdId) =>
        holds[holdId].PerformRead(hold => hold.Exists ? hold.View(holdId) : null);

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!reminderName.StartsWith(ExpiryReminderPrefix, StringComparison.Ordinal))
        {
            return;
        }

        // Through a reference, so that the expiry is a transaction of its own like any call; an aborted one throws
        // and the reminder is delivered again.
        await GrainFactory.GetGrain<IWalletGrain>(this.GetPrimaryKeyString()).ExpireAsync(reminderName[ExpiryReminderPrefix.Length..]);
    }
}
