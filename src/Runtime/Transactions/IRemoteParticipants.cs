namespace GrainMarket.Runtime.Transactions;

/// <summary>Reaches the participants a transaction has on other silos (only in a cluster).</summary>
internal interface IRemoteParticipants
{
    Task<RemoteVotes> PrepareAsync(string siloId, Guid transactionId);

    Task DecideAsync(string siloId, TransactionDecision decision);

    /// <summary>Tells a silo that the transaction was wounded, so that it stops waiting for locks there.</summary>
    Task WoundAsync(string siloId, Guid transactionId);
}
