using GrainMarket.Common;
using Microsoft.Extensions.Logging;

namespace GrainMarket.Wallets;

/// <summary>
/// A wallet: balances, holds and recent ledger entries in one transactional state, whose read models (<c>wallets</c>,
/// <c>ledger_entries</c>) are written with each store of it (<see cref="WalletProjection"/>). A hold with a deadline
/// has a durable reminder that expires it (<see cref="OneShotReminder"/>); capturing or releasing a hold past its
/// deadline expires it first.
/// </summary>
/// <remarks>
/// Reentrant: every change happens inside <c>PerformUpdate</c> on the calling transaction's own copy of the state, so a
/// turn interleaved at an <c>await</c> never sees another transaction's half-made change (the transactional locks order
/// them); and a reminder's expiry comes back into this grain through a reference while the reminder's turn waits.
/// </remarks>
[Reentrant]
[GrainType("wallet")]
public sealed class WalletGrain(
    [TransactionalState("wallet")] ITransactionalState<WalletState> wallet,
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
        var credited = await wallet.PerformUpdate(s => s.Credit(operationId, type, amount, reference, now));
        if (credited.Value is not { } entry)
        {
            return credited;
        }

        logger.LogInformation("Wallet {WalletId} credit {OperationId}: {Type} {Amount}, available {Available}", this.GetPrimaryKeyString(), operationId, entry.Type, entry.Amount, entry.Available);
        return entry;
    }

    async Task<Result<HoldView>> IWalletGrain.HoldAsync(string holdId, long amount, string reference, DateTimeOffset? expiresAt, bool neverUsed)
    {
        if ((WalletRules.CheckOperation(holdId, "holdId") ?? WalletRules.CheckAmount(amount) ?? WalletRules.CheckReference(reference)) is { } invalid)
        {
            return invalid;
        }

        // neverUsed is only a hint: it spared a lookup when each hold was a record of its own; the holds are in the state now.
        var now = timeProvider.GetUtcNow();
        var held = await wallet.PerformUpdate(s => s.Hold(holdId, amount, reference, expiresAt, now));
        if (held.Value is { Status: HoldStatuses.Pending, ExpiresAt: { } deadline })
        {
            // Registered before the commit: if the transaction aborts, the reminder finds no hold and removes itself.
            await this.RegisterOrUpdateReminder(ExpiryReminderPrefix + holdId, deadline > now ? deadline - now : TimeSpan.Zero, OneShotReminder.RetryPeriod);
        }

        return held;
    }

    async Task<Result<HoldView>> IWalletGrain.SetHoldAsync(string holdId, long amount, string reference)
    {
        var invalid = WalletRules.CheckOperation(holdId, "holdId") ?? WalletRules.CheckReference(reference)
            ?? (amount == 0 ? null : WalletRules.CheckAmount(amount));
        if (invalid is not null)
        {
            return invalid;
        }

        var now = timeProvider.GetUtcNow();
        return await wallet.PerformUpdate(s => s.SetHold(holdId, amount, reference, now));
    }

    async Task<Result<HoldView>> IWalletGrain.CaptureAsync(string holdId, long amount, IReadOnlyList<Payout> payouts)
    {
        var self = this.GetPrimaryKeyString();
        if ((WalletRules.CheckOperation(holdId, "holdId") ?? WalletRules.CheckAmount(amount) ?? WalletRules.CheckPayouts(self, amount, payouts)) is { } invalid)
        {
            return invalid;
        }

        var now = timeProvider.GetUtcNow();
        var resolution = await wallet.PerformUpdate(s => s.Capture(holdId, amount, now));
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

    async Task<Result<LedgerEntry>> IWalletGrain.RefundHoldAsync(string holdId, string operationId, long amount, string reference)
    {
        if ((WalletRules.CheckOperation(holdId, "holdId") ?? WalletRules.CheckOperation(operationId, "operationId") ?? WalletRules.CheckAmount(amount) ?? WalletRules.CheckReference(reference)) is { } invalid)
        {
            return invalid;
        }

        var now = timeProvider.GetUtcNow();
        var refunded = await wallet.PerformUpdate(s => s.RefundHold(holdId, operationId, amount, reference, now));
        if (refunded.Value is { } entry)
        {
            logger.LogInformation("Wallet {WalletId} refunded {Amount} of hold {HoldId} ({OperationId}), available {Available}", this.GetPrimaryKeyString(), amount, holdId, operationId, entry.Available);
        }

        return refunded;
    }

    async Task<Result<HoldView>> IWalletGrain.ReleaseAsync(string holdId)
    {
        var now = timeProvider.GetUtcNow();
        return (await wallet.PerformUpdate(s => s.Release(holdId, now))).Result;
    }

    async Task<Result<HoldView>> IWalletGrain.WithdrawAsync(string holdId)
    {
        var now = timeProvider.GetUtcNow();
        var resolution = await wallet.PerformUpdate(s => s.Withdraw(holdId, now));
        if (resolution is { Applied: true, Result.Value: { } hold })
        {
            logger.LogInformation("Wallet {WalletId} paid out hold {HoldId}: {Status} {Captured}", this.GetPrimaryKeyString(), holdId, hold.Status, hold.Captured);
        }

        return resolution.Result;
    }

    async Task<Result<HoldView>> IWalletGrain.ExpireAsync(string holdId)
    {
        var now = timeProvider.GetUtcNow();
        var resolution = await wallet.PerformUpdate(s => s.Expire(holdId, now));
        if (resolution is { Applied: true })
        {
            logger.LogInformation("Wallet {WalletId} expired hold {HoldId}", this.GetPrimaryKeyString(), holdId);
        }

        return resolution.Result;
    }

    Task<HoldView?> IWalletGrain.GetHoldAsync(string holdId) =>
        wallet.PerformRead(s => s.FindHold(holdId));

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!reminderName.StartsWith(ExpiryReminderPrefix, StringComparison.Ordinal))
        {
            // No reminder of another name is registered here: one left over would tick forever.
            await this.CompleteAsync(reminderName);
            return;
        }

        // The registration this tick belongs to, taken before the expiry: should the hold's transaction register the
        // name again meanwhile (a retried hold), unregistering this one fails on its stale ETag and the newer stays.
        var registration = await this.GetReminder(reminderName);

        // Through a reference, so that the expiry is a transaction of its own like any call; an aborted one throws and
        // the reminder comes back after its period.
        var expired = await GrainFactory.GetGrain<IWalletGrain>(this.GetPrimaryKeyString()).ExpireAsync(reminderName[ExpiryReminderPrefix.Length..]);
        if (expired.Value is { Status: HoldStatuses.Pending })
        {
            // Not due yet by the wallet's clock (the reminders keep their own): the next tick looks again.
            return;
        }

        // Expired now, resolved before, or never committed: nothing is left for this reminder to do.
        if (registration is not null)
        {
            await this.UnregisterReminder(registration);
        }
    }
}
