using GrainMarket.Runtime.Tests.Grains;
using GrainMarket.Runtime.Tests.Support;

namespace GrainMarket.Runtime.Tests.Reminders;

/// <summary>Durable reminders through real silos on the test PostgreSQL.</summary>
public sealed class ReminderDeliveryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_one_shot_reminder_fires_after_the_silo_that_registered_it_stopped_and_another_started()
    {
        var key = Guid.NewGuid().ToString("N");
        await using (var first = await TestSilo.StartAsync(postgres: true, cancellationToken: Ct))
        {
            await first.GrainFactory.GetGrain<IReminderGrain>(key).ScheduleOnceAsync("close", TimeSpan.FromSeconds(2));
        }

        Assert.Empty(Journal.Read(key));
        await using var second = await TestSilo.StartAsync(postgres: true, cancellationToken: Ct);

        await Journal.WaitForAsync(key, e => e.Contains("close"), TimeSpan.FromSeconds(15), Ct);
        await Task.Delay(1000, Ct);
        Assert.Equal(1, Journal.Count(key, "close"));
        Assert.False(await second.GrainFactory.GetGrain<IReminderGrain>(key).ExistsAsync("close"));
    }

    [Fact]
    public async Task A_one_shot_reminder_fires_within_one_second_of_its_due_time()
    {
        var key = Guid.NewGuid().ToString("N");
        await using var silo = await TestSilo.StartAsync(postgres: true, cancellationToken: Ct);

        await silo.GrainFactory.GetGrain<IReminderGrain>(key).ScheduleOnceAsync("due", TimeSpan.FromSeconds(1.5));

        var entries = await Journal.WaitForAsync(key, e => e.Contains("due"), TimeSpan.FromSeconds(10), Ct);
        var lateness = long.Parse(entries.Single(e => e.StartsWith("due:late:", StringComparison.Ordinal))["due:late:".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(lateness, 0, 1000);
    }

    [Fact]
    public async Task A_reminder_never_fires_before_its_due_time_even_when_its_timer_fires_early()
    {
        var key = Guid.NewGuid().ToString("N");
        await using var silo = await TestSilo.StartAsync(timeProvider: new EarlyTimers(TimeSpan.FromMilliseconds(400)), cancellationToken: Ct);

        await silo.GrainFactory.GetGrain<IReminderGrain>(key).ScheduleOnceAsync("due", TimeSpan.FromSeconds(1));

        var entries = await Journal.WaitForAsync(key, e => e.Contains("due"), TimeSpan.FromSeconds(10), Ct);
        var lateness = long.Parse(entries.Single(e => e.StartsWith("due:late:", StringComparison.Ordinal))["due:late:".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(lateness, 0, 1000);
    }

    [Fact]
    public async Task A_periodic_reminder_fires_repeatedly_and_a_removed_one_never_fires_again()
    {
        var key = Guid.NewGuid().ToString("N");
        await using var silo = await TestSilo.StartAsync(postgres: true, cancellationToken: Ct);
        var grain = silo.GrainFactory.GetGrain<IReminderGrain>(key);

        await grain.SchedulePeriodicAsync("tick", TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(400));
        await Journal.WaitForAsync(key, e => e.Count(x => x == "tick") >= 3, TimeSpan.FromSeconds(15), Ct);

        await grain.RemoveAsync("tick");
        var ticksAtRemoval = Journal.Count(key, "tick");
        await Task.Delay(1500, Ct);

        Assert.Equal(ticksAtRemoval, Journal.Count(key, "tick"));
        Assert.False(await grain.ExistsAsync("tick"));
    }

    /// <summary>The system clock, with timers that fire a fixed time before they are due (as monotonic timers may).</summary>
    private sealed class EarlyTimers(TimeSpan early) : TimeProvider
    {
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            System.CreateTimer(callback, state, dueTime > early ? dueTime - early : TimeSpan.Zero, period);
    }
}
