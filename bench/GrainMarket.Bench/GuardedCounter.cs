namespace GrainMarket.Bench;

/// <summary>The baseline: the same work as <see cref="PingGrain"/> on a plain object, serialized by a <see cref="SemaphoreSlim"/>.</summary>
internal sealed class GuardedCounter : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _calls;

    public async Task<int> PingAsync(int value)
    {
        await _gate.WaitAsync();
        try
        {
            _calls++;
            return value + _calls;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
