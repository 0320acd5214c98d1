namespace GrainMarket.Gateway.Tests.Support;

/// <summary>
/// A wall clock a test can move forward: <see cref="GetUtcNow"/> is the real time plus what <see cref="Advance"/> added.
/// Timers and delays keep running on real time, so the silo's background work goes on; only what reads the time from
/// this provider (the grains, the statuses' read model) sees the jump. Access tokens are still checked against real time.
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
