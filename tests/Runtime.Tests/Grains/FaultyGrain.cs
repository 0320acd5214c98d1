namespace GrainMarket.Runtime.Tests.Grains;

public interface IFaultyGrain : IGrainWithGuidKey
{
    Task<int> FailAsync(string message);

    Task HangAsync();

    ValueTask<int> EchoAsync(int value);
}

public sealed class FaultyGrain : Grain, IFaultyGrain
{
    Task<int> IFaultyGrain.FailAsync(string message) => throw new ArgumentOutOfRangeException(nameof(message), message);

    Task IFaultyGrain.HangAsync() => Task.Delay(Timeout.Infinite);

    ValueTask<int> IFaultyGrain.EchoAsync(int value) => ValueTask.FromResult(value);
}
