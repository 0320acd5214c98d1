using GrainMarket.Runtime.Tests.Grains;
using GrainMarket.Runtime.Tests.Support;

namespace GrainMarket.Runtime.Tests.Core;

public sealed class TurnTests(SiloFixture fixture) : IClassFixture<SiloFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NewKey() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Ten_thousand_concurrent_increments_on_one_grain_yield_exactly_ten_thousand()
    {
        var counter = fixture.GrainFactory.GetGrain<ICounterGrain>(NewKey());

        await Task.WhenAll(Enumerable.Range(0, 10_000).Select(_ => Task.Run(counter.IncrementAsync, Ct))).WaitAsync(TimeSpan.FromSeconds(60), Ct);

        Assert.Equal(10_000, await counter.GetAsync());
        Assert.Equal(0, await counter.GetOverlapsAsync());
    }

    [Fact]
    public async Task A_running_turns_continuation_goes_before_queued_new_turns()
    {
        var key = NewKey();
        var probe = (Gate: new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), Waiting: new TaskCompletionSource(), Blocking: new TaskCompletionSource());
        BusyProbeGrain.Probes[key] = probe;
        var grain = fixture.GrainFactory.GetGrain<IBusyProbeGrain>(key);
        var counted = grain.AwaitGateThenCountAsync();
        await probe.Waiting.Task.WaitAsync(TimeSpan.FromSeconds(5), Ct);

        // While a long turn holds the activation, 200 new turns queue up, and then the waiting turn may go on.
        var blocked = grain.BlockAsync(700);
        await probe.Blocking.Task.WaitAsync(TimeSpan.FromSeconds(5), Ct);
        var touches = Enumerable.Range(0, 200).Select(_ => grain.TouchAsync()).ToList();
        await Task.Delay(200, Ct);
        probe.Gate.SetResult();

        // The waiting turn's continuation ran first: no queued turn had started.
        Assert.Equal(0, await counted.WaitAsync(TimeSpan.FromSeconds(10), Ct));
        await Task.WhenAll([blocked, .. touches]).WaitAsync(TimeSpan.FromSeconds(10), Ct);
        BusyProbeGrain.Probes.TryRemove(key, out _);
    }

    [Fact]
    public async Task Reentrant_grain_interleaves_requests_but_never_runs_on_two_threads_at_once()
    {
        var probe = fixture.GrainFactory.GetGrain<IReentrantProbeGrain>(NewKey());

        await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(() => probe.EnterAsync(20), Ct))).WaitAsync(TimeSpan.FromSeconds(30), Ct);

        var (maxInside, parallelExecutions) = await probe.GetAsync();
        Assert.True(maxInside > 1, $"a reentrant grain should interleave; at most {maxInside} request was inside");
        Assert.Equal(0, parallelExecutions);
    }

    [Fact]
    public async Task Read_only_requests_interleave_with_each_other_but_never_with_a_write()
    {
        var grain = fixture.GrainFactory.GetGrain<IReadWriteGrain>(NewKey());

        var calls = Enumerable.Range(0, 60).Select(i => i % 6 == 0 ? grain.WriteAsync(5) : grain.ReadAsync(15));
        await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(30), Ct);

        var (maxReaders, writerOverlaps) = await grain.GetAsync();
        Assert.True(maxReaders > 1, $"read-only requests should interleave; at most {maxReaders} reader was inside");
        Assert.Equal(0, writerOverlaps);
    }

    [Fact]
    public async Task Always_interleave_method_runs_while_the_grain_waits_inside_a_turn()
    {
        var gate = fixture.GrainFactory.GetGrain<IGateGrain>(NewKey());
        var waiting = gate.WaitAsync();
        await Task.Delay(50, Ct);
        var ordinary = gate.IsOpenAsync();

        await gate.OpenAsync("opened").WaitAsync(TimeSpan.FromSeconds(5), Ct);

        Assert.Equal("opened", await waiting.WaitAsync(TimeSpan.FromSeconds(5), Ct));
        // The ordinary request queued behind the waiting turn, so it runs after the gate opened.
        Assert.True(await ordinary.WaitAsync(TimeSpan.FromSeconds(5), Ct));
    }

    [Fact]
    public async Task Call_cycle_between_non_reentrant_grains_fails_at_once_naming_the_chain()
    {
        var (a, b) = ($"a-{NewKey()}", $"b-{NewKey()}");
        var started = System.Diagnostics.Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<DeadlockException>(
            () => fixture.GrainFactory.GetGrain<ICycleGrain>(a).CallAsync([b, a]).WaitAsync(TimeSpan.FromSeconds(10), Ct));

        Assert.True(started.Elapsed < TimeSpan.FromSeconds(1), $"deadlock took {started.Elapsed} to detect");
        Assert.Contains($"cycle/{a} → cycle/{b} → cycle/{a}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calls_along_a_chain_without_a_cycle_succeed()
    {
        var (a, b, c) = ($"a-{NewKey()}", $"b-{NewKey()}", $"c-{NewKey()}");

        var visited = await fixture.GrainFactory.GetGrain<ICycleGrain>(a).CallAsync([b, c]).WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.Equal($"{a}>{b}>{c}", visited);
    }

    [Fact]
    public async Task Grain_exception_reaches_the_caller_with_its_own_type_and_message_and_the_grain_id()
    {
        var key = Guid.NewGuid();
        var grain = fixture.GrainFactory.GetGrain<IFaultyGrain>(key);

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => grain.FailAsync("amount must be positive"));

        Assert.Contains("amount must be positive", error.Message, StringComparison.Ordinal);
        Assert.Equal($"faulty/{key:N}", error.Data["GrainId"]);
        // The activation survives an application error.
        Assert.Equal(42, await grain.EchoAsync(42));
    }

    [Fact]
    public async Task Statistics_count_calls_and_errors_per_grain_method()
    {
        var grain = fixture.GrainFactory.GetGrain<IFaultyGrain>(Guid.NewGuid());
        var before = Snapshot();

        for (var i = 0; i < 5; i++)
        {
            await grain.EchoAsync(i);
        }

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => grain.FailAsync("no"));

        var after = Snapshot();
        Assert.True(after.Echo.Calls - before.Echo.Calls >= 5);
        Assert.True(after.Fail.Errors - before.Fail.Errors >= 1);
        Assert.True(after.Activations >= 1);

        (long Activations, GrainMarket.Runtime.Statistics.MethodSnapshot Echo, GrainMarket.Runtime.Statistics.MethodSnapshot Fail) Snapshot()
        {
            var type = fixture.Silo.Statistics.Snapshot().Single(t => t.GrainType == "faulty");
            var empty = new GrainMarket.Runtime.Statistics.MethodSnapshot("", 0, 0, 0, 0);
            return (
                type.ActivationsCreated,
                type.Methods.SingleOrDefault(m => m.Method == "IFaultyGrain.EchoAsync") ?? empty,
                type.Methods.SingleOrDefault(m => m.Method == "IFaultyGrain.FailAsync") ?? empty);
        }
    }

    [Fact]
    public async Task A_reference_activates_nothing_until_it_is_called()
    {
        var key = NewKey();

        var grain = fixture.GrainFactory.GetGrain<ILifecycleGrain>(key);
        await Task.Delay(50, Ct);
        Assert.Empty(Journal.Read(key));

        Assert.Equal($"lifecycle/{key}", await grain.PingAsync());
        Assert.Equal(["activate"], Journal.Read(key));
    }

    [Fact]
    public async Task Deactivate_on_idle_runs_OnDeactivateAsync_and_the_next_call_activates_again()
    {
        var key = NewKey();
        var grain = fixture.GrainFactory.GetGrain<ILifecycleGrain>(key);

        await grain.DeactivateAsync();
        await Journal.WaitForAsync(key, e => e.Contains("deactivate:ApplicationRequested"), TimeSpan.FromSeconds(5), Ct);
        await grain.PingAsync();

        Assert.Equal(["activate", "deactivate:ApplicationRequested", "activate"], Journal.Read(key));
    }

    [Fact]
    public async Task A_timer_never_overlaps_itself_or_a_request()
    {
        var grain = fixture.GrainFactory.GetGrain<ITimerGrain>(NewKey());
        await grain.StartAsync(periodMilliseconds: 10, tickWorkMilliseconds: 30);

        for (var i = 0; i < 20; i++)
        {
            await Task.WhenAll(grain.PokeAsync(5), grain.PokeAsync(5));
        }

        await Task.Delay(200, Ct);
        var (ticks, overlaps) = await grain.GetAsync();
        Assert.True(ticks >= 3, $"only {ticks} ticks");
        Assert.Equal(0, overlaps);
    }

    [Fact]
    public async Task A_timer_dies_with_its_activation()
    {
        var key = NewKey();
        var grain = fixture.GrainFactory.GetGrain<ILifecycleGrain>(key);
        await grain.StartTimerAsync(TimeSpan.FromMilliseconds(20), keepAlive: false);
        await Journal.WaitForAsync(key, e => e.Count(x => x == "tick") >= 2, TimeSpan.FromSeconds(5), Ct);

        await grain.DeactivateAsync();
        await Journal.WaitForAsync(key, e => e.Contains("deactivate:ApplicationRequested"), TimeSpan.FromSeconds(5), Ct);
        var ticks = Journal.Count(key, "tick");
        await Task.Delay(200, Ct);

        Assert.Equal(ticks, Journal.Count(key, "tick"));
    }
}
