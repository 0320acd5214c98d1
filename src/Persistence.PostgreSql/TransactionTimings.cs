using Orleans.Configuration;
using Orleans.Hosting;

namespace GrainMarket.Persistence.PostgreSql;

/// <summary>
/// Orleans transactions with GrainMarket's timeouts, shared by the silo host, its tests and the benchmarks.
/// </summary>
/// <remarks>
/// Each of these timeouts is a one-shot timer in Orleans' internal timer wheel (<c>TimerManager</c>), which every
/// 50 ms walks every timer still queued, due or not, and a timer stays queued until its due time even when the work it
/// guards finished long before. A participant queues one whenever its lock worker or its storage worker goes idle with
/// a transaction still in its lock or commit queue: the lock timeout after entering a lock, the prepare timeout while
/// the manager waits for prepares, the ping frequency after a remote participant reports its prepare. So the wheel holds
/// about (transactions per second) × (timeout) timers of each kind: at 2,000 transfers per second with Orleans'
/// 8 s / 20 s / 60 s, a few hundred thousand, walked 20 times a second (16–24% of the silo's CPU in a checkout profile),
/// and each lives long enough to be promoted to the oldest GC generation.
/// <list type="bullet">
/// <item>LockTimeout = 2 s (Orleans: 8 s): the longest a lock group may hold a grain's lock; a transaction still
/// holding it then is aborted (retryable, <c>OrleansBrokenTransactionLockException</c>). A checkout under 256
/// concurrent clients on a 2-core machine holds it for well under 1 s (p99 about 300 ms); a transaction whose
/// manager's silo died releases its locks sooner.</item>
/// <item>PrepareTimeout = 5 s (Orleans: 20 s): the longest a transaction manager waits for its participants' prepares
/// (each a storage write through the group commit) before it aborts the transaction (retryable).</item>
/// <item>RemoteTransactionPingFrequency = 10 s (Orleans: 60 s): how long a prepared participant waits for the outcome
/// before it pings the transaction manager (which reactivates a manager that was lost); only such a wait sends a
/// message, so the shorter period costs nothing when transactions complete.</item>
/// <item>LockAcquireTimeout stays at Orleans' 10 s: it is a deadline checked when a waiting group enters the lock, not a
/// timer of its own, and the silo's response timeout is chosen above it.</item>
/// </list>
/// </remarks>
public static class TransactionTimings
{
    public static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan PrepareTimeout = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan RemoteTransactionPingFrequency = TimeSpan.FromSeconds(10);

    /// <summary>Orleans transactions (<c>UseTransactions</c>) with the timeouts above.</summary>
    public static ISiloBuilder UseGrainMarketTransactions(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.UseTransactions();
        silo.Configure<TransactionalStateOptions>(options =>
        {
            options.LockTimeout = LockTimeout;
            options.PrepareTimeout = PrepareTimeout;
            options.RemoteTransactionPingFrequency = RemoteTransactionPingFrequency;
        });
        return silo;
    }
}
