namespace GrainMarket.Runtime.Tests.Grains;

public interface IReadWriteGrain : IGrainWithStringKey
{
    [ReadOnly]
    Task ReadAsync(int delayMilliseconds);

    Task WriteAsync(int delayMilliseconds);

    /// <summary>The most readers inside at once, and how often a writer shared a turn with anyone.</summary>
    Task<(int MaxReaders, int WriterOverlaps)> GetAsync();
}

public sealed class ReadWriteGrain : Grain, IReadWriteGrain
{
    private int _readers;
    private int _writers;
    private int _maxReaders;
    private int _writerOverlaps;

    async Task IReadWriteGrain.ReadAsync(int delayMilliseconds)
    {
        _readers++;
        _maxReaders = Math.Max(_maxReaders, _readers);
        if (_writers > 0)
        {
            _writerOverlaps++;
        }

        await Task.Delay(delayMilliseconds);
        _readers--;
    }

    async Task IReadWriteGrain.WriteAsync(int delayMilliseconds)
    {
        if (_readers > 0 || _writers > 0)
        {
            _writerOverlaps++;
        }

        _writers++;
        await Task.Delay(delayMilliseconds);
        _writers--;
    }

    Task<(int MaxReaders, int WriterOverlaps)> IReadWriteGrain.GetAsync() => Task.FromResult((_maxReaders, _writerOverlaps));
}
