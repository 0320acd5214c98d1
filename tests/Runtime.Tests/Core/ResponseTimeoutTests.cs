using GrainMarket.Runtime.Tests.Grains;
using GrainMarket.Runtime.Tests.Support;

namespace GrainMarket.Runtime.Tests.Core;

public sealed class ResponseTimeoutTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_call_that_gets_no_response_fails_with_a_timeout_and_so_do_calls_queued_behind_it()
    {
        await using var silo = await TestSilo.StartAsync(
            configure: o => { o.ResponseTimeout = TimeSpan.FromMilliseconds(500); o.ResponseTimeoutCheckPeriod = TimeSpan.FromMilliseconds(50); },
            cancellationToken: Ct);
        var grain = silo.GrainFactory.GetGrain<IFaultyGrain>(Guid.NewGuid());
        var started = System.Diagnostics.Stopwatch.StartNew();

        var hanging = grain.HangAsync();
        var queued = grain.EchoAsync(1).AsTask();

        var error = await Assert.ThrowsAsync<TimeoutException>(() => hanging.WaitAsync(TimeSpan.FromSeconds(10), Ct));
        await Assert.ThrowsAsync<TimeoutException>(() => queued.WaitAsync(TimeSpan.FromSeconds(10), Ct));
        Assert.InRange(started.Elapsed, TimeSpan.FromMilliseconds(450), TimeSpan.FromSeconds(5));
        Assert.Contains("IFaultyGrain.HangAsync", error.Message, StringComparison.Ordinal);
    }
}
