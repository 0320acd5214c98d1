using System.Collections.Concurrent;
using GrainMarket.Cluster.TestGrains;

namespace GrainMarket.Cluster.Tests;

/// <summary>
/// Workers add 1 to random ledger grains with a unique operation id each; a failed addition is retried with the
/// same id until it is acknowledged, so every acknowledged operation must be applied exactly once.
/// </summary>
public sealed class Workload(IGrainFactory grains, int ledgers)
{
    private readonly string[] _keys = [.. Enumerable.Range(0, ledgers).Select(_ => $"ledger-{Guid.NewGuid():N}")];
    private readonly ConcurrentDictionary<string, ConcurrentBag<string>> _acknowledged = new();
    private readonly ConcurrentQueue<(DateTimeOffset MadeAt, string Error)> _failures = new();
    private long _acknowledgedCount;

    /// <summary>
    /// The calls that failed, each with the moment it was made: a call made through a gateway that is killed meanwhile
    /// fails only when Orleans' client gives up waiting for its response (30 s later), however soon the cluster recovers.
    /// </summary>
    public IReadOnlyCollection<(DateTimeOffset MadeAt, string Error)> Failures => _failures;

    public long AcknowledgedCount => Interlocked.Read(ref _acknowledgedCount);

    public Task RunAsync(int workers, CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker);
            for (var sequence = 0; !stop.IsCancellationRequested; sequence++)
            {
                var key = _keys[random.Next(_keys.Length)];
                var operation = $"w{worker}-{sequence}";
                while (true)
                {
                    var madeAt = DateTimeOffset.UtcNow;
                    try
                    {
                        await grains.GetGrain<ILedgerGrain>(key).AddAsync(operation, 1);
                        _acknowledged.GetOrAdd(key, _ => []).Add(operation);
                        Interlocked.Increment(ref _acknowledgedCount);
                        break;
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException)
                    {
                        _failures.Enqueue((madeAt, $"{exception.GetType().Name}: {exception.Message}"));
                        await Task.Delay(50, CancellationToken.None);
                    }
                }
            }
        }, CancellationToken.None)));

    /// <summary>Every acknowledged operation is in its ledger exactly once, and each total equals its operation count.</summary>
    public async Task VerifyAsync()
    {
        foreach (var key in _keys)
        {
            var state = await grains.GetGrain<ILedgerGrain>(key).GetAsync();
            Assert.Equal(state.Applied.Length, state.Applied.Distinct().Count());
            Assert.Equal(state.Applied.Length, state.Total);
            var acknowledged = _acknowledged.TryGetValue(key, out var bag) ? bag.ToHashSet() : [];
            Assert.Subset(state.Applied.ToHashSet(), acknowledged);
        }
    }
}
