namespace GrainMarket.Payments;

/// <summary>
/// A seller's connected payout account (key: the seller's id): which account at the provider is theirs, and whether it
/// can receive transfers. The first account linked stays the seller's; the provider's reports apply once per event id,
/// and one older than the latest applied (by the provider's own event time) changes nothing, so redelivered or
/// reordered webhooks cannot undo a newer state. Settlement reads it, inside its transaction, to choose between a
/// transfer and the wallet.
/// </summary>
[Alias("gm.payoutAccount")]
public interface IPayoutAccountGrain : IGrainWithGuidKey
{
    /// <summary>Links <paramref name="accountId"/> at <paramref name="provider"/> to the seller, unless an account is linked already; returns the seller's account.</summary>
    [Transaction(TransactionOption.Create)]
    [Alias("link")]
    Task<PayoutAccountView> LinkAsync(string provider, string accountId);

    /// <summary>
    /// Applies a provider's report of the account, once per event id and only when newer than the latest applied; a
    /// report of an account that is not the seller's changes nothing. Returns the account as it stands (null if none is linked).
    /// </summary>
    [Transaction(TransactionOption.Create)]
    [Alias("apply")]
    Task<PayoutAccountView?> ApplyAsync(PayoutAccountUpdate update);

    [ReadOnly]
    [Transaction(TransactionOption.CreateOrJoin)]
    [Alias("get")]
    Task<PayoutAccountView?> GetAsync();
}
