using GrainMarket.Common;
using Microsoft.Extensions.Logging;

namespace GrainMarket.Wallets;

/// <summary>
/// A withdrawal: its status and its wallet's hold change in one transaction. A step reads the withdrawal, resolves the
/// hold, then writes the withdrawal; a concurrent approval and rejection both read it pending, but only one can upgrade
/// its read lock to the write lock: the other's transaction aborts (a lock upgrade failure, which is retryable), and
/// its retry then finds the withdrawal resolved.
/// </summary>
/// <remarks>
/// Reentrant: the state changes only inside <c>PerformUpdate</c> on the transaction's own copy, and the transactional
/// locks, not turn order, keep two steps from both resolving the withdrawal.
/// </remarks>
[Reentrant]
[GrainType("withdrawal")]
public sealed class WithdrawalGrain(
    [TransactionalState("withdrawal")] ITransactionalState<WithdrawalState> withdrawal,
    TimeProvider timeProvider,
    ILogger<WithdrawalGrain> logger) : Grain, IWithdrawalGrain
{
    async Task<Result<WithdrawalView>> IWithdrawalGrain.RequestAsync(string walletId, long amount)
    {
        var id = this.GetPrimaryKey();
        if (await withdrawal.PerformRead(s => s.View(id)) is { } existing)
        {
            return existing;
        }

        var held = await GrainFactory.GetGrain<IWalletGrain>(walletId).HoldAsync(WalletKeys.WithdrawalHold(id), amount, $"withdrawal:{id:N}", expiresAt: null);
        if (held.Error is { } error)
        {
            return error;
        }

        var now = timeProvider.GetUtcNow();
        var requested = await withdrawal.PerformUpdate(s =>
        {
            s.WalletId = walletId;
            s.Amount = amount;
            s.Status = WithdrawalStatuses.Pending;
            s.RequestedAt = now;
            return s.View(id)!;
        });
        logger.LogInformation("Withdrawal {WithdrawalId} of {Amount} requested from wallet {WalletId}", id, amount, walletId);
        return requested;
    }

    Task<Result<WithdrawalView>> IWithdrawalGrain.ApproveAsync() =>
        ResolveAsync(WithdrawalStatuses.Approved, HoldStatuses.Captured, (wallet, holdId) => wallet.WithdrawAsync(holdId));

    Task<Result<WithdrawalView>> IWithdrawalGrain.RejectAsync() =>
        ResolveAsync(WithdrawalStatuses.Rejected, HoldStatuses.Released, (wallet, holdId) => wallet.ReleaseAsync(holdId));

    Task<WithdrawalView?> IWithdrawalGrain.GetAsync()
    {
        var id = this.GetPrimaryKey();
        return withdrawal.PerformRead(s => s.View(id));
    }

    private async Task<Result<WithdrawalView>> ResolveAsync(string status, string holdStatus, Func<IWalletGrain, string, Task<Result<HoldView>>> resolveHold)
    {
        var id = this.GetPrimaryKey();
        var current = await withdrawal.PerformRead(s => s.View(id));
        if (current is null)
        {
            return new DomainError(ErrorCodes.NotFound, $"Withdrawal {id} was not found.");
        }

        if (current.Status != WithdrawalStatuses.Pending)
        {
            return new DomainError(ErrorCodes.WithdrawalNotPending, $"Withdrawal {id} is already {current.Status}.");
        }

        var hold = await resolveHold(GrainFactory.GetGrain<IWalletGrain>(current.WalletId), WalletKeys.WithdrawalHold(id));
        if (hold.Value?.Status != holdStatus)
        {
            // Only this grain resolves a withdrawal's hold: anything else is a broken invariant, and throwing aborts the transaction.
            throw new InvalidOperationException($"Withdrawal {id}: its hold in wallet {current.WalletId} came out {hold.Value?.Status ?? hold.Error?.Code}, not {holdStatus}.");
        }

        var now = timeProvider.GetUtcNow();
        var resolved = await withdrawal.PerformUpdate(s =>
        {
            s.Status = status;
            s.ResolvedAt = now;
            return s.View(id)!;
        });
        logger.LogInformation("Withdrawal {WithdrawalId} of {Amount} from wallet {WalletId} {Status}", id, resolved.Amount, resolved.WalletId, status);
        return resolved;
    }
}
