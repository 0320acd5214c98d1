using System.Collections.Concurrent;

namespace GrainMarket.Runtime.Transactions;

/// <summary>
/// This silo's view of transactions coordinated elsewhere: one local <see cref="TransactionInfo"/> per transaction id,
/// in which this silo's participants enlist, and which the coordinator later asks to vote and tells the verdict.
/// </summary>
internal sealed class TransactionRegistry(IEnumerable<IRemoteParticipants> remoteParticipants, TransactionAgent agent)
{
    private readonly ConcurrentDictionary<Guid, TransactionInfo> _transactions = new();
    private readonly IRemoteParticipants? _remote = remoteParticipants.FirstOrDefault();

    /// <summary>
    /// The local view of a transaction a call brought here. A call that comes back to the silo that coordinates the
    /// transaction (A → B → A) joins the coordinator's own <see cref="TransactionInfo"/>: a second, registry-side one
    /// would hold participants the coordinator never asks to vote, and the commit would go through without their
    /// writes (found by the chaos run: a capture committed while its payouts to wallets on the coordinator's silo
    /// were lost).
    /// </summary>
    public TransactionInfo Join(TransactionToken token) =>
        agent.TryGetCoordinated(token.Id, out var coordinated) ? coordinated : _transactions.GetOrAdd(token.Id, static (id, state) =>
    {
        var (token, remote) = state;
        var transaction = new TransactionInfo(id, token.StartTicks) { CoordinatorSiloId = token.CoordinatorSiloId };
        if (remote is not null && token.CoordinatorSiloId is { } coordinator)
        {
            // Tell the coordinator, and the silos this one called in the transaction, so that no wait outlives the wound.
            transaction.WoundedHere = () =>
            {
                foreach (var siloId in transaction.RemoteSilos.Append(coordinator))
                {
                    _ = remote.WoundAsync(siloId, id).ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
                }
            };
        }

        return transaction;
    }, (token, _remote));

    /// <summary>The transaction was wounded elsewhere: fail its lock waits here.</summary>
    public void Wound(Guid transactionId, string message)
    {
        if (_transactions.TryGetValue(transactionId, out var transaction))
        {
            transaction.Wound(message);
        }
    }

    public RemoteVotes Prepare(Guid transactionId)
    {
        if (!_transactions.TryGetValue(transactionId, out var transaction))
        {
            // Nothing enlisted here, or it was settled already by a lease: nothing to vote, nothing doomed.
            return new RemoteVotes([], [], null, null);
        }

        var (writes, reads) = TransactionVotes.Collect(transaction, transaction.Seal());
        return new RemoteVotes(writes, reads, transaction.AbortReason, transaction.AbortMessage);
    }

    public void Decide(TransactionDecision decision)
    {
        if (!_transactions.TryRemove(decision.Id, out var transaction))
        {
            return;
        }

        transaction.RefusedByStore = decision.Refused;
        TransactionVotes.Apply(transaction, transaction.Seal(), decision.Versions);
    }
}
