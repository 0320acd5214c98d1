using Microsoft.Extensions.DependencyInjection;

namespace GrainMarket.Gateway.Tests.Support;

/// <summary>Asserts that no grain call on a test silo closed a call cycle through a non-reentrant grain (see <see cref="CallCycleRecorder"/>).</summary>
public static class CallCycles
{
    public static void AssertNone(GatewayFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var recorder = factory.Services.GetRequiredService<CallCycleRecorder>();
        Assert.True(recorder.Calls > 0, "the call-cycle filter saw no grain call: it is not registered on the silo");
        Assert.Empty(recorder.Cycles);
    }
}
