namespace GrainMarket.Runtime.Transactions;

/// <summary>
/// Fault injection for tests only: a hook that throws stops the coordinator at that point without telling the
/// participants, as if its process had died there. Production code never sets these.
/// </summary>
public sealed class TransactionTestHooks
{
    /// <summary>Runs after every participant voted, before the commit reaches the database.</summary>
    public Func<Guid, Task>? BeforeCommit { get; set; }

    /// <summary>Runs after the database committed, before the participants are told.</summary>
    public Func<Guid, Task>? AfterCommit { get; set; }
}
