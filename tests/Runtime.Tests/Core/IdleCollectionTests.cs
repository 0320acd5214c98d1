using GrainMarket.Runtime.Tests.Grains;
using GrainMarket.Runtime.Tests.Support;

namespace GrainMarket.Runtime.Tests.Core;

/// <summary>Idle collection on a fake clock: default age 15 minutes, checked every minute.</summary>
public sealed class IdleCollectionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_activation_idle_past_the_collection_age_is_deactivated_and_a_busy_one_is_not()
    {
        var clock = new ManualTimeProvider();
        await using var silo = await TestSilo.StartAsync(timeProvider: clock, cancellationToken: Ct);
        var (idle, busy) = (Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"));
        await silo.GrainFactory.GetGrain<ILifecycleGrain>(idle).PingAsync();
        await silo.GrainFactory.GetGrain<ILifecycleGrain>(busy).PingAsync();

        for (var minute = 0; minute < 14; minute++)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            await silo.GrainFactory.GetGrain<ILifecycleGrain>(busy).PingAsync();
        }

        Assert.Equal(["activate"], Journal.Read(idle));

        for (var minute = 0; minute < 3; minute++)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            await silo.GrainFactory.GetGrain<ILifecycleGrain>(busy).PingAsync();
        }

        await Journal.WaitForAsync(idle, e => e.Contains("deactivate:IdleCollection"), TimeSpan.FromSeconds(5), Ct);
        Assert.Equal(["activate"], Journal.Read(busy));
    }

    [Fact]
    public async Task A_timer_does_not_keep_its_activation_alive_unless_asked()
    {
        var clock = new ManualTimeProvider();
        await using var silo = await TestSilo.StartAsync(timeProvider: clock, cancellationToken: Ct);
        var (plain, kept) = (Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"));
        await silo.GrainFactory.GetGrain<ILifecycleGrain>(plain).StartTimerAsync(TimeSpan.FromMinutes(1), keepAlive: false);
        await silo.GrainFactory.GetGrain<ILifecycleGrain>(kept).StartTimerAsync(TimeSpan.FromMinutes(1), keepAlive: true);

        for (var minute = 0; minute < 20; minute++)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(10, Ct);
        }

        await Journal.WaitForAsync(plain, e => e.Contains("deactivate:IdleCollection"), TimeSpan.FromSeconds(5), Ct);
        Assert.DoesNotContain(Journal.Read(kept), e => e.StartsWith("deactivate", StringComparison.Ordinal));
        Assert.True(Journal.Count(kept, "tick") >= 15, $"kept-alive timer ticked {Journal.Count(kept, "tick")} times");
    }
}
