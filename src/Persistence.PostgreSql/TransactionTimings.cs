using Orleans.Configuration;
using Orleans.Hosting;

namespace GrainMarket.Persistence.PostgreSql;

/// <summary>
/// Orleans transactions with a shorter remote ping than Orleans' default, shared by the silo host, its tests and the
/// benchmarks.
/// </summary>
/// <remarks>
/// Each of Orleans' transaction timeouts (lock, prepare, remote ping) is a one-shot timer in Orleans' internal timer
/// wheel (<c>TimerManager</c>), which every 50 ms walks every timer still queued, due or not, and a timer stays queued until its due time even when the work it
/// guards finished long before. A participant queues one whenever its lock worker or its storage worker goes idle with
/// a transaction still in its lock or commit queue: the lock timeout after entering a lock, the prepare timeout while
/// the manager waits for prepares, the ping frequency after a remote participant reports its prepare. So the wheel holds
/// about (transactions per second) × (timeout) timers of each kind: at 2,000 transfers per second with Orleans'
/// 8 s / 20 s / 60 s, a few hundred thousand, walked 20 times a second (16–24% of the silo's CPU in a checkout profile),
/// and each lives long enough to be promoted to the oldest GC generation.
/// <list type="bullet">
/// <item>RemoteTransactionPingFrequency = 10 s (Orleans: 60 s): how long a prepared participant waits for the outcome
/// before it pings the transaction manager (which reactivates a manager that was lost). Every participant but the
/// manager queues this timer in every transaction, for 60 s by default, so it is likely most of the wheel (counted from
/// the code, not measured); only a wait that long sends a message, so the shorter period costs nothing when
/// transactions complete.</item>
/// <item>LockTimeout (8 s) and PrepareTimeout (20 s) stay at Orleans' defaults: they abort a transaction that takes
/// longer, so shorter ones turn an overloaded silo's slowness into aborts and retries. 2 s and 5 s showed no gain in
/// the checkout benchmark's CPU per order on a quiet machine (docs/benchmarks.md).</item>
/// <item>LockAcquireTimeout stays at Orleans' 10 s: it is a deadline checked when a waiting group enters the lock, not a
/// timer of its own, and the silo's response timeout is chosen above it.</item>
/// </list>
/// </remarks>
public static class TransactionTimings
{
    public static readonly TimeSpan RemoteTransactionPingFrequency = TimeSpan.FromSeconds(10);

    /// <summary>Orleans transactions (<c>UseTransactions</c>) with the remote ping frequency above.</summary>
    public static ISiloBuilder UseGrainMarketTransactions(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.UseTransactions();
        silo.Configure<TransactionalStateOptions>(options => options.RemoteTransactionPingFrequency = RemoteTransactionPingFrequency);
        return silo;
    }
}
