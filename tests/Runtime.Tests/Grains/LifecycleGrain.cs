namespace GrainMarket.Runtime.Tests.Grains;

public interface ILifecycleGrain : IGrainWithStringKey
{
    Task<string> PingAsync();

    Task DeactivateAsync();

    /// <summary>Starts a timer that writes "tick" to the journal every <paramref name="period"/>.</summary>
    Task StartTimerAsync(TimeSpan period, bool keepAlive);
}

/// <summary>Writes "activate", "deactivate:{reason}" and timer ticks to the journal.</summary>
public sealed class LifecycleGrain : Grain, ILifecycleGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Journal.Write(this.GetPrimaryKeyString(), "activate");
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Journal.Write(this.GetPrimaryKeyString(), $"deactivate:{reason}");
        return Task.CompletedTask;
    }

    Task<string> ILifecycleGrain.PingAsync() => Task.FromResult(IdentityString);

    Task ILifecycleGrain.DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    Task ILifecycleGrain.StartTimerAsync(TimeSpan period, bool keepAlive)
    {
        RegisterGrainTimer(
            _ =>
            {
                Journal.Write(this.GetPrimaryKeyString(), "tick");
                return Task.CompletedTask;
            },
            new GrainTimerCreationOptions { DueTime = period, Period = period, KeepAlive = keepAlive });
        return Task.CompletedTask;
    }
}
