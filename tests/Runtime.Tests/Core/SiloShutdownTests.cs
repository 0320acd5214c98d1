using GrainMarket.Runtime.Hosting;
using GrainMarket.Runtime.Tests.Grains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GrainMarket.Runtime.Tests.Core;

public sealed class SiloShutdownTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_host_that_stops_its_silo_again_after_disposing_it_does_not_throw()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Services.AddGrainRuntime(runtime => runtime.AddGrains(typeof(SiloShutdownTests).Assembly).UseInMemoryStorage());
        var host = builder.Build();
        await host.StartAsync(Ct);
        var key = Guid.NewGuid().ToString("N");
        await host.Services.GetRequiredService<IGrainFactory>().GetGrain<ILifecycleGrain>(key).PingAsync();

        await host.StopAsync(Ct);
        host.Dispose();
        await host.StopAsync(Ct);

        Assert.Equal(["activate", "deactivate:ShuttingDown"], Journal.Read(key));
    }
}
