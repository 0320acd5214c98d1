namespace GrainMarket.ApiGateway.ReadModels;

/// <summary>
/// Reads of read models that must not mistake Orleans' confirmation lag for an imbalance: a transaction's manager stores
/// its commit (and read-model rows) and answers, and the other participants store theirs a few milliseconds later
/// (docs/orleans-postgresql.md). A snapshot that does not balance is read again after a pause, until one balances or
/// <see cref="Time"/> has passed.
/// </summary>
internal static class Settling
{
    /// <summary>How long an unbalanced snapshot is read again before it is the answer.</summary>
    public static readonly TimeSpan Time = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Reads with <paramref name="read"/> until <paramref name="balanced"/> holds for a snapshot or <see cref="Time"/> has
    /// passed, pausing <paramref name="pause"/> between reads; answers the last snapshot.
    /// </summary>
    public static async Task<T> ReadAsync<T>(Func<CancellationToken, Task<T>> read, Func<T, bool> balanced, TimeSpan pause, TimeProvider time, CancellationToken cancellationToken)
    {
        var settleBy = time.GetUtcNow() + Time;
        while (true)
        {
            var snapshot = await read(cancellationToken);
            if (balanced(snapshot) || time.GetUtcNow() >= settleBy)
            {
                return snapshot;
            }

            await Task.Delay(pause, time, cancellationToken);
        }
    }
}
