using System.Collections.Concurrent;

namespace GrainMarket.Runtime.Tests.Grains;

/// <summary>What test grains report about themselves, keyed by grain key (fresh per test), readable across silos.</summary>
public static class Journal
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<string>> Entries = new();

    public static void Write(string key, string entry) => Entries.GetOrAdd(key, _ => new ConcurrentQueue<string>()).Enqueue(entry);

    public static IReadOnlyList<string> Read(string key) => Entries.TryGetValue(key, out var entries) ? [.. entries] : [];

    public static int Count(string key, string entry) => Read(key).Count(e => e == entry);

    /// <summary>Waits until <paramref name="condition"/> holds for the key's entries, or fails after <paramref name="timeout"/>.</summary>
    public static async Task<IReadOnlyList<string>> WaitForAsync(string key, Func<IReadOnlyList<string>, bool> condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        while (true)
        {
            var entries = Read(key);
            if (condition(entries))
            {
                return entries;
            }

            try
            {
                await Task.Delay(20, limit.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                Assert.Fail($"Timed out after {timeout.TotalSeconds} s waiting for {key}; journal: [{string.Join(", ", entries)}]");
            }
        }
    }
}
