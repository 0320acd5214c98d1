namespace GrainMarket.Payments;

/// <summary>
/// The outbox record of one settlement transfer (key: <see cref="PayoutKeys.Transfer"/>). Settlement records it in its
/// own transaction, together with the seller's share leaving the platform (WITHDRAWAL); the gateway then sends it to the
/// provider under its key and records the outcome here: sent once (a repeat answers the first transfer id), or refused
/// and tried again later.
/// </summary>
[Alias("gm.payoutTransfer")]
public interface IPayoutTransferGrain : IGrainWithStringKey
{
    /// <summary>Records the transfer to make, pending; a repeat returns it as it is. Only inside settlement's transaction.</summary>
    [Transaction(TransactionOption.Join)]
    [Alias("record")]
    Task<PayoutTransferView> RecordAsync(PayoutTransferOrder transfer);

    /// <summary>The provider accepted it as <paramref name="transferId"/>: sent, for good. Null for a transfer never recorded.</summary>
    [Transaction(TransactionOption.Create)]
    [Alias("sent")]
    Task<PayoutTransferView?> SentAsync(string transferId);

    /// <summary>
    /// An attempt failed (<paramref name="error"/>): the provider refused it outright (<paramref name="refused"/>: it created
    /// nothing) or could not be reached. It stays pending, to be tried again at <paramref name="nextAttemptAt"/>. A sent
    /// transfer is left as it is.
    /// </summary>
    [Transaction(TransactionOption.Create)]
    [Alias("failed")]
    Task<PayoutTransferView?> FailedAsync(string error, bool refused, DateTimeOffset nextAttemptAt);

    [ReadOnly]
    [Transaction(TransactionOption.CreateOrJoin)]
    [Alias("get")]
    Task<PayoutTransferView?> GetAsync();
}
