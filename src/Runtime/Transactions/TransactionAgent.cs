using System.Text.Json;
using GrainMarket.Runtime.Hosting;
using GrainMarket.Runtime.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GrainMarket.Runtime.Transactions;

/// <summary>
/// Coordinates transactions started on this silo. The body runs with the transaction as ambient context; then
/// every participant votes (its new state, or the version it read), the store commits all of it in one database
/// transaction together with the transaction record, and only then are the participants told to adopt their copies.
/// </summary>
internal sealed partial class TransactionAgent(
    ITransactionStore store,
    TimeProvider timeProvider,
    GrainJsonOptions json,
    TransactionTestHooks hooks,
    IOptions<GrainRuntimeOptions> options,
    IEnumerable<IRemoteParticipants> remoteParticipants,
    IEnumerable<Cluster.MembershipView> membershipViews,
    ILogger<TransactionAgent> logger) : ITransactionClient
{
    private readonly IRemoteParticipants? _remote = remoteParticipants.FirstOrDefault();
    private readonly Cluster.MembershipView? _membership = membershipViews.FirstOrDefault();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, TransactionInfo> _coordinating = new();

    public TimeProvider TimeProvider { get; } = timeProvider;

    public GrainRuntimeOptions Options { get; } = options.Value;

    public JsonSerializerOptions Json { get; } = json.Options;

    /// <summary>The version of the cluster membership this silo last read (0 outside a cluster).</summary>
    public long MembershipVersion => _membership?.Version ?? 0;

    public Task RunTransaction(TransactionOption transactionOption, Func<Task> transactionDelegate)
    {
        ArgumentNullException.ThrowIfNull(transactionDelegate);
        return RunAsync(transactionOption, async () =>
        {
            await transactionDelegate();
            return true;
        });
    }

    public Task RunTransaction(TransactionOption transactionOption, Func<Task<bool>> transactionDelegate)
    {
        ArgumentNullException.ThrowIfNull(transactionDelegate);
        return RunAsync(transactionOption, transactionDelegate);
    }

    /// <summary>Runs <paramref name="body"/> as <paramref name="option"/> says, relative to the ambient transaction.</summary>
    public async Task RunAsync(TransactionOption option, Func<Task<bool>> body)
    {
        var ambient = TransactionContext.Current;
        switch (option)
        {
            case TransactionOption.Join when ambient is null:
                throw new NotSupportedException("TransactionOption.Join needs an ambient transaction, and there is none.");
            case TransactionOption.NotAllowed when ambient is not null:
                throw new NotSupportedException($"TransactionOption.NotAllowed was used inside transaction {ambient.Id}.");
            case TransactionOption.Join or TransactionOption.CreateOrJoin or TransactionOption.Supported when ambient is not null:
                if (!await body())
                {
                    ambient.MarkAbort(TransactionAbortReason.UserAbort, "a joined part of the transaction asked to abort");
                }

                return;
            case TransactionOption.Suppress or TransactionOption.Supported or TransactionOption.NotAllowed:
                TransactionContext.Current = null;
                await body();
                return;
        }

        // Create, or CreateOrJoin without an ambient transaction: this silo coordinates.
        var transaction = new TransactionInfo(Guid.NewGuid(), TimeProvider.GetUtcNow().UtcTicks);
        transaction.WoundedHere = () => ForwardWound(transaction);
        _coordinating[transaction.Id] = transaction;
        try
        {
            await CoordinateAsync(transaction, body);
        }
        finally
        {
            _coordinating.TryRemove(transaction.Id, out _);
        }
    }

    /// <summary>The transaction, if this silo coordinates it (a call of it came back here through another silo).</summary>
    public bool TryGetCoordinated(Guid transactionId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TransactionInfo? transaction) =>
        _coordinating.TryGetValue(transactionId, out transaction);

    /// <summary>A silo holding participants of a transaction coordinated here wounded it: spread the word.</summary>
    public void Wound(Guid transactionId, string message)
    {
        if (_coordinating.TryGetValue(transactionId, out var transaction))
        {
            transaction.Wound(message);
        }
    }

    private async Task CoordinateAsync(TransactionInfo transaction, Func<Task<bool>> body)
    {
        TransactionContext.Current = transaction;
        bool commit;
        try
        {
            commit = await body();
        }
        catch (Exception exception)
        {
            await AbortAsync(transaction, transaction.Seal());
            if (exception is TransactionAbortedException)
            {
                throw;
            }

            throw new TransactionAbortedException(transaction.Id, TransactionAbortReason.ParticipantFailed, exception.Message, exception);
        }
        finally
        {
            TransactionContext.Current = null;
        }

        var participants = transaction.Seal();
        if (transaction.AbortReason is { } reason)
        {
            await AbortAsync(transaction, participants);
            throw new TransactionAbortedException(transaction.Id, reason, transaction.AbortMessage ?? "aborted");
        }

        if (!commit)
        {
            await AbortAsync(transaction, participants);
            return;
        }

        await CommitAsync(transaction, participants);
    }

    /// <summary>Decides an abandoned transaction for a participant whose lease ran out.</summary>
    public Task<TransactionStatus> SettleAsync(TransactionInfo transaction) => store.FenceAsync(transaction.Id, CancellationToken.None);

    public void LogSettleFailed(Guid transactionId, GrainId grainId, Exception exception) => LogSettleFailedCore(transactionId, grainId, exception);

    public void LogRefreshFailed(GrainId grainId, Exception exception) => LogRefreshFailedCore(grainId, exception);

    private async Task CommitAsync(TransactionInfo transaction, IReadOnlyList<ITransactionParticipant> participants)
    {
        var (writes, reads) = TransactionVotes.Collect(transaction, participants);

        // Participants on other silos vote too; a silo that cannot vote, or where the transaction was doomed, aborts it.
        foreach (var siloId in transaction.RemoteSilos)
        {
            RemoteVotes votes;
            try
            {
                votes = await _remote!.PrepareAsync(siloId, transaction.Id);
            }
            catch (Exception exception)
            {
                await AbortAsync(transaction, participants);
                throw new TransactionAbortedException(transaction.Id, TransactionAbortReason.Conflict, $"silo {siloId} could not vote: {exception.Message}", exception);
            }

            if (votes.AbortReason is { } remoteReason)
            {
                await AbortAsync(transaction, participants);
                throw new TransactionAbortedException(transaction.Id, remoteReason, votes.AbortMessage ?? $"aborted on silo {siloId}");
            }

            writes.AddRange(votes.Writes);
            reads.AddRange(votes.Reads);
        }

        // Nothing written and at most one state read: that read was consistent by itself, no round trip needed.
        if (writes.Count == 0 && reads.Count <= 1)
        {
            await CommitAsync(transaction, participants, writes, []);
            return;
        }

        if (hooks.BeforeCommit is { } beforeCommit)
        {
            await beforeCommit(transaction.Id);
        }

        IReadOnlyList<long> versions;
        try
        {
            versions = await store.CommitAsync(transaction.Id, writes, reads, CancellationToken.None);
        }
        catch (TransactionConflictException conflict)
        {
            transaction.RefusedByStore = true;
            await AbortAsync(transaction, participants);
            throw new TransactionAbortedException(transaction.Id, TransactionAbortReason.Conflict, conflict.Message, conflict);
        }
        catch (Exception failure)
        {
            // The commit's answer is lost; the transaction record, and nothing else, says what happened.
            TransactionStatus status;
            try
            {
                status = await store.FenceAsync(transaction.Id, CancellationToken.None);
            }
            catch (Exception fenceFailure)
            {
                LogInDoubt(transaction.Id, fenceFailure);
                throw new TransactionInDoubtException(transaction.Id, failure);
            }

            if (status != TransactionStatus.Committed)
            {
                await AbortAsync(transaction, participants);
                throw new TransactionAbortedException(transaction.Id, TransactionAbortReason.Conflict, $"the commit failed: {failure.Message}", failure);
            }

            // Every write sets version = expected + 1 (a first write sets 1).
            versions = [.. writes.Select(w => (w.ExpectedVersion ?? 0) + 1)];
        }

        if (hooks.AfterCommit is { } afterCommit)
        {
            await afterCommit(transaction.Id);
        }

        await CommitAsync(transaction, participants, writes, versions);
    }

    /// <summary>Tells every participant, here and on other silos, to adopt its copy.</summary>
    private async Task CommitAsync(TransactionInfo transaction, IReadOnlyList<ITransactionParticipant> participants, List<TransactionWrite> writes, IReadOnlyList<long> versions)
    {
        var committed = writes.Select((w, i) => new CommittedVersion(w.GrainId, w.StateName, versions[i])).ToList();
        TransactionVotes.Apply(transaction, participants, committed);
        await DecideRemoteAsync(transaction, new TransactionDecision(transaction.Id, committed));
    }

    /// <summary>Tells every participant, here and on other silos, to drop its copy.</summary>
    private async Task AbortAsync(TransactionInfo transaction, IReadOnlyList<ITransactionParticipant> participants)
    {
        TransactionVotes.Apply(transaction, participants, versions: null);
        await DecideRemoteAsync(transaction, new TransactionDecision(transaction.Id, Versions: null, transaction.RefusedByStore));
    }

    /// <summary>Best effort: a silo that misses the wound still sees it at the vote, or times the lock wait out.</summary>
    private void ForwardWound(TransactionInfo transaction)
    {
        foreach (var siloId in transaction.RemoteSilos)
        {
            _ = _remote!.WoundAsync(siloId, transaction.Id)
                .ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
        }
    }

    /// <summary>Best effort: a silo that misses the verdict settles it from the database when its lease runs out.</summary>
    private async Task DecideRemoteAsync(TransactionInfo transaction, TransactionDecision decision)
    {
        foreach (var siloId in transaction.RemoteSilos)
        {
            try
            {
                await _remote!.DecideAsync(siloId, decision);
            }
            catch (Exception exception)
            {
                LogRemoteDecisionFailed(transaction.Id, siloId, exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telling silo {SiloId} the verdict of transaction {TransactionId} failed; its participants will ask the database")]
    private partial void LogRemoteDecisionFailed(Guid transactionId, string siloId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Transaction {TransactionId} is in doubt: its commit failed and its record could not be read")]
    private partial void LogInDoubt(Guid transactionId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Settling abandoned transaction {TransactionId} for {GrainId} failed; will ask again")]
    private partial void LogSettleFailedCore(Guid transactionId, GrainId grainId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Re-reading the state of {GrainId} after a refused commit failed")]
    private partial void LogRefreshFailedCore(GrainId grainId, Exception exception);
}
