namespace GrainMarket.Runtime.Tests.Grains;

public interface IGateGrain : IGrainWithStringKey
{
    /// <summary>Waits until <see cref="OpenAsync"/> is called, holding the grain's turn.</summary>
    Task<string> WaitAsync();

    [AlwaysInterleave]
    Task OpenAsync(string message);

    /// <summary>An ordinary request that needs the turn.</summary>
    Task<bool> IsOpenAsync();
}

public sealed class GateGrain : Grain, IGateGrain
{
    private readonly TaskCompletionSource<string> _gate = new();

    Task<string> IGateGrain.WaitAsync() => _gate.Task;

    Task IGateGrain.OpenAsync(string message)
    {
        _gate.TrySetResult(message);
        return Task.CompletedTask;
    }

    Task<bool> IGateGrain.IsOpenAsync() => Task.FromResult(_gate.Task.IsCompleted);
}
