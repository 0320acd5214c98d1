namespace GrainMarket.Runtime.Tests.Grains;

public interface ITimerGrain : IGrainWithStringKey
{
    Task StartAsync(int periodMilliseconds, int tickWorkMilliseconds);

    Task PokeAsync(int workMilliseconds);

    Task<(int Ticks, int Overlaps)> GetAsync();
}

/// <summary>A timer whose ticks take longer than its period, poked by requests: nothing may ever overlap.</summary>
public sealed class TimerGrain : Grain, ITimerGrain
{
    private int _inside;
    private int _ticks;
    private int _overlaps;

    Task ITimerGrain.StartAsync(int periodMilliseconds, int tickWorkMilliseconds)
    {
        RegisterGrainTimer(
            async _ =>
            {
                await WorkAsync(tickWorkMilliseconds);
                _ticks++;
            },
            TimeSpan.FromMilliseconds(periodMilliseconds),
            TimeSpan.FromMilliseconds(periodMilliseconds));
        return Task.CompletedTask;
    }

    Task ITimerGrain.PokeAsync(int workMilliseconds) => WorkAsync(workMilliseconds);

    Task<(int Ticks, int Overlaps)> ITimerGrain.GetAsync() => Task.FromResult((_ticks, _overlaps));

    private async Task WorkAsync(int milliseconds)
    {
        if (++_inside != 1)
        {
            _overlaps++;
        }

        await Task.Delay(milliseconds);
        _inside--;
    }
}
