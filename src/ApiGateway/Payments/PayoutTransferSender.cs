using GrainMarket.ApiGateway.Http;
using GrainMarket.ApiGateway.ReadModels;
using GrainMarket.Payments;
using Orleans;

namespace GrainMarket.ApiGateway.Payments;

/// <summary>
/// Sends the settlement transfers that settlement recorded (the <c>payout_transfers</c> outbox), every
/// <see cref="PayoutSettings.Interval"/>: claims the due ones (<see cref="PayoutQueries.ClaimDueAsync"/>: one gateway per
/// transfer at a time), asks the provider for each under its key as the Idempotency-Key (so a repeat, after a crash or
/// by another gateway, creates no second transfer), and records the outcome through the transfer's grain: sent with the
/// provider's transfer id, or failed with its error, to be tried again after a backoff that doubles up to an hour. An
/// attempt the provider refused outright created nothing, so the next one asks under a key of its own
/// (<see cref="PayoutKeys.Attempt"/>); one whose outcome is unknown asks again under the same key.
/// </summary>
public sealed partial class PayoutTransferSender(
    ReadModelDatabase readModels, PayoutProviders providers, IGrainFactory grains, PayoutSettings settings, MarketplaceSettings marketplace, TimeProvider time, ILogger<PayoutTransferSender> logger)
    : BackgroundService
{
    private const int Batch = 20;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!readModels.IsAvailable || providers.All.Count == 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(settings.Interval, time);
        do
        {
            try
            {
                await SendDueAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested && exception is not OperationCanceledException)
            {
                LogRoundFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Sends every transfer due now, a batch at a time; returns when none is left.</summary>
    private async Task SendDueAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<DueTransfer> due;
        do
        {
            due = await PayoutQueries.ClaimDueAsync(readModels.DataSource, time.GetUtcNow(), PayoutSettings.Claim, Batch, cancellationToken);
            foreach (var transfer in due)
            {
                await SendAsync(transfer, cancellationToken);
            }
        }
        while (due.Count == Batch);
    }

    private async Task SendAsync(DueTransfer transfer, CancellationToken cancellationToken)
    {
        var grain = grains.GetGrain<IPayoutTransferGrain>(transfer.Key);
        try
        {
            var provider = providers.Find(transfer.Provider) ?? throw new PaymentProviderException($"{transfer.Provider} is not configured on this gateway.");
            var transferId = await provider.TransferAsync(new PayoutTransferRequest(PayoutKeys.Attempt(transfer.Key, transfer.Refusals), transfer.AccountId, transfer.Amount, marketplace.Currency, transfer.OrderId, transfer.SellerId), cancellationToken);
            await TransactionRetry.RunAsync(() => grain.SentAsync(transferId), cancellationToken);
        }
        catch (PaymentProviderException exception)
        {
            var next = time.GetUtcNow() + settings.Backoff(transfer.Attempts + 1);
            LogFailed(transfer.Key, transfer.Amount, transfer.AccountId, next, exception.Message);
            await TransactionRetry.RunAsync(() => grain.FailedAsync(exception.Message, exception.Refused, next), cancellationToken);
        }

        await PayoutQueries.ReleaseAsync(readModels.DataSource, transfer.Key, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transfer {Key} of {Amount} to {AccountId} not sent, tried again at {NextAttemptAt}: {Reason}")]
    private partial void LogFailed(string key, long amount, string accountId, DateTimeOffset nextAttemptAt, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A round of settlement transfers failed; the next round tries again")]
    private partial void LogRoundFailed(Exception exception);
}
