using Microsoft.Extensions.Logging;

namespace GrainMarket.Payments;

/// <summary>
/// One settlement transfer's outbox record: recorded pending inside settlement's transaction, then sent once or refused
/// and retried, each outcome committed with its state (whose storage checks the version, so two gateways recording
/// outcomes at once are put one after the other).
/// </summary>
[GrainType("payout-transfer")]
public sealed class PayoutTransferGrain(
    [TransactionalState("payoutTransfer")] ITransactionalState<PayoutTransferState> transfer,
    TimeProvider timeProvider,
    ILogger<PayoutTransferGrain> logger) : Grain, IPayoutTransferGrain
{
    async Task<PayoutTransferView> IPayoutTransferGrain.RecordAsync(PayoutTransferOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (await transfer.PerformRead(s => s.View()) is { } recorded)
        {
            return recorded;
        }

        var now = timeProvider.GetUtcNow();
        return await transfer.PerformUpdate(s =>
        {
            (s.Status, s.Key, s.OrderId, s.SellerId, s.Provider, s.AccountId, s.Amount) =
                (PayoutTransferStatuses.Pending, this.GetPrimaryKeyString(), order.OrderId, order.SellerId, order.Provider, order.AccountId, order.Amount);
            (s.CreatedAt, s.NextAttemptAt) = (now, now);
            return s.View()!;
        });
    }

    async Task<PayoutTransferView?> IPayoutTransferGrain.SentAsync(string transferId)
    {
        ArgumentException.ThrowIfNullOrEmpty(transferId);
        if (await transfer.PerformRead(s => s.View()) is not { Status: PayoutTransferStatuses.Pending } pending)
        {
            return await transfer.PerformRead(s => s.View());
        }

        var now = timeProvider.GetUtcNow();
        var view = await transfer.PerformUpdate(s =>
        {
            (s.Status, s.TransferId, s.SentAt, s.LastError) = (PayoutTransferStatuses.Sent, transferId, now, null);
            s.Attempts++;
            return s.View()!;
        });
        logger.LogInformation("Transfer {Key}: {Amount} sent to {AccountId} as {TransferId}", pending.Key, pending.Amount, pending.AccountId, transferId);
        return view;
    }

    async Task<PayoutTransferView?> IPayoutTransferGrain.FailedAsync(string error, bool refused, DateTimeOffset nextAttemptAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(error);
        if (await transfer.PerformRead(s => s.View()) is not { Status: PayoutTransferStatuses.Pending })
        {
            return await transfer.PerformRead(s => s.View());
        }

        return await transfer.PerformUpdate(s =>
        {
            (s.LastError, s.NextAttemptAt) = (error, nextAttemptAt);
            s.Attempts++;
            s.Refusals += refused ? 1 : 0;
            return s.View();
        });
    }

    Task<PayoutTransferView?> IPayoutTransferGrain.GetAsync() => transfer.PerformRead(s => s.View());
}
