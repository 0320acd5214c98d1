using GrainMarket.Runtime.Tests.Grains;
using GrainMarket.Runtime.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GrainMarket.Runtime.Tests.Core;

public sealed class CallFilterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Incoming_call_filters_see_every_call_in_order_and_may_replace_the_result()
    {
        var seen = new RecordingFilter();
        await using var silo = await TestSilo.StartAsync(
            services: s => s.AddSingleton<IIncomingGrainCallFilter>(seen).AddSingleton<IIncomingGrainCallFilter, DoublingFilter>(),
            cancellationToken: Ct);
        var grain = silo.GrainFactory.GetGrain<IFaultyGrain>(Guid.NewGuid());

        var echoed = await grain.EchoAsync(21);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => grain.FailAsync("boom"));

        Assert.Equal(42, echoed);
        Assert.Equal(["IFaultyGrain.EchoAsync:21", "IFaultyGrain.FailAsync:boom"], seen.Calls);
    }

    private sealed class RecordingFilter : IIncomingGrainCallFilter
    {
        public List<string> Calls { get; } = [];

        public Task Invoke(IIncomingGrainCallContext context)
        {
            lock (Calls)
            {
                Calls.Add($"{context.MethodName}:{context.Arguments[0]}");
            }

            return context.Invoke();
        }
    }

    private sealed class DoublingFilter : IIncomingGrainCallFilter
    {
        public async Task Invoke(IIncomingGrainCallContext context)
        {
            await context.Invoke();
            if (context.Result is int value)
            {
                context.Result = value * 2;
            }
        }
    }
}
