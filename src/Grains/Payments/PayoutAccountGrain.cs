using Microsoft.Extensions.Logging;

namespace GrainMarket.Payments;

/// <summary>
/// A seller's connected payout account. The link and every provider report commit with the state that records them;
/// reports apply once per event id and in the provider's time order, whatever order they arrive in.
/// </summary>
[GrainType("payout-account")]
public sealed class PayoutAccountGrain(
    [TransactionalState("payoutAccount")] ITransactionalState<PayoutAccountState> account,
    TimeProvider timeProvider,
    ILogger<PayoutAccountGrain> logger) : Grain, IPayoutAccountGrain
{
    /// <summary>How many report ids are kept: enough for any burst of redeliveries, while the time order covers the rest.</summary>
    private const int RememberedEvents = 20;

    private Guid SellerId => this.GetPrimaryKey();

    async Task<PayoutAccountView> IPayoutAccountGrain.LinkAsync(string provider, string accountId)
    {
        ArgumentException.ThrowIfNullOrEmpty(provider);
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        if (await account.PerformRead(s => s.View()) is { } linked)
        {
            return linked;
        }

        var now = timeProvider.GetUtcNow();
        var view = await account.PerformUpdate(s =>
        {
            (s.SellerId, s.Provider, s.AccountId, s.CreatedAt) = (SellerId, provider, accountId, now);
            return s.View()!;
        });
        logger.LogInformation("Seller {SellerId} linked payout account {Provider} {AccountId}", SellerId, provider, accountId);
        return view;
    }

    async Task<PayoutAccountView?> IPayoutAccountGrain.ApplyAsync(PayoutAccountUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        var (view, applied, statusAt) = await account.PerformRead(s => (s.View(), s.AppliedEvents.Contains(update.EventId), s.StatusAt));

        // A report may come before the link committed (the provider reports the account as soon as it exists): the
        // account named in it was created for this seller (its metadata says so), so it becomes theirs.
        if (applied || (view is not null && (view.AccountId != update.AccountId || view.Provider != update.Provider)) || statusAt > update.Created)
        {
            logger.LogInformation("Payout account {AccountId}: report {EventId} of {Created} changes nothing (seller {SellerId})", update.AccountId, update.EventId, update.Created, SellerId);
            return view;
        }

        var now = timeProvider.GetUtcNow();
        return await account.PerformUpdate(s =>
        {
            if (s.AccountId is null)
            {
                (s.SellerId, s.Provider, s.AccountId, s.CreatedAt) = (SellerId, update.Provider, update.AccountId, now);
            }

            (s.PayoutsEnabled, s.ChargesEnabled, s.TransfersActive, s.DetailsSubmitted, s.StatusAt) =
                (update.PayoutsEnabled, update.ChargesEnabled, update.TransfersActive, update.DetailsSubmitted, update.Created);
            s.AppliedEvents.Add(update.EventId);
            if (s.AppliedEvents.Count > RememberedEvents)
            {
                s.AppliedEvents.RemoveAt(0);
            }

            return s.View();
        });
    }

    Task<PayoutAccountView?> IPayoutAccountGrain.GetAsync() => account.PerformRead(s => s.View());
}
