using GrainMarket.Runtime;
using GrainMarket.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GrainMarket.Bench;

/// <summary>An in-process silo with the benchmark and marketplace grains, on in-memory storage unless a database is given.</summary>
internal sealed class BenchSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private BenchSilo(IHost host)
    {
        _host = host;
    }

    public IGrainFactory GrainFactory => _host.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider Services => _host.Services;

    public static async Task<BenchSilo> StartAsync(string? connectionString = null, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Services.AddGrainRuntime(runtime =>
        {
            runtime.AddGrains(typeof(BenchSilo).Assembly);
            runtime.AddGrains(typeof(GrainMarket.Cluster.TestGrains.IAccountGrain).Assembly);
            runtime.AddGrains(GrainsAssembly.Value);
            if (connectionString is null)
            {
                runtime.UseInMemoryStorage();
            }
            else
            {
                runtime.UsePostgres(connectionString);
            }
        });
        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new BenchSilo(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
