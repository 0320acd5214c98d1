namespace GrainMarket.Runtime.Transactions;

/// <summary>How participants vote and hear the verdict, the same on the coordinating silo and on every other silo.</summary>
internal static class TransactionVotes
{
    /// <summary>Each participant's vote: the state it would write, or the version it read.</summary>
    public static (List<TransactionWrite> Writes, List<TransactionRead> Reads) Collect(TransactionInfo transaction, IEnumerable<ITransactionParticipant> participants)
    {
        var writes = new List<TransactionWrite>();
        var reads = new List<TransactionRead>();
        foreach (var participant in participants)
        {
            var vote = participant.Prepare(transaction);
            if (vote.Write is { } write)
            {
                writes.Add(write);
            }
            else if (vote.Read is { } read)
            {
                reads.Add(read);
            }
        }

        return (writes, reads);
    }

    /// <summary>Commits every participant at the version its write got (none for a read), or aborts them all when <paramref name="versions"/> is null.</summary>
    public static void Apply(TransactionInfo transaction, IEnumerable<ITransactionParticipant> participants, IReadOnlyList<CommittedVersion>? versions)
    {
        foreach (var participant in participants)
        {
            if (versions is null)
            {
                participant.Abort(transaction);
            }
            else
            {
                var version = versions.FirstOrDefault(v => v.GrainId == participant.GrainId && v.StateName == participant.StateName);
                participant.Commit(transaction, version?.Version);
            }
        }
    }
}
