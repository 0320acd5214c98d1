using GrainMarket.Runtime.Hosting;
using GrainMarket.Runtime.Statistics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GrainMarket.Runtime.Tests.Support;

/// <summary>A real silo runtime hosted in the test process, with this assembly's test grains.</summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _stopped;

    private TestSilo(IHost host)
    {
        _host = host;
    }

    public IServiceProvider Services => _host.Services;

    public IGrainFactory GrainFactory => Services.GetRequiredService<IGrainFactory>();

    public GrainStatistics Statistics => Services.GetRequiredService<GrainStatistics>();

    /// <summary>Starts a silo on in-memory storage, or on the test PostgreSQL when <paramref name="postgres"/> is set.</summary>
    public static async Task<TestSilo> StartAsync(
        bool postgres = false,
        Action<GrainRuntimeOptions>? configure = null,
        TimeProvider? timeProvider = null,
        Action<IServiceCollection>? services = null,
        CancellationToken cancellationToken = default)
    {
        var connectionString = postgres ? TestDatabase.ConnectionString : null;
        if (postgres)
        {
            // Migrates the shared database once per process.
            await TestDatabase.GetDataSourceAsync(cancellationToken);
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (timeProvider is not null)
        {
            builder.Services.AddSingleton(timeProvider);
        }

        builder.Services.AddGrainRuntime(runtime =>
        {
            runtime.AddGrains(typeof(TestSilo).Assembly);
            runtime.Configure(options =>
            {
                options.SiloName = $"test-{Guid.NewGuid():N}";
                options.ReminderPollInterval = TimeSpan.FromMilliseconds(200);
                configure?.Invoke(options);
            });
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
        await host.StartAsync(cancellationToken);
        return new TestSilo(host);
    }

    /// <summary>Stops the silo gracefully: grains deactivate, reminder claims are released.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _host.StopAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _host.Dispose();
    }
}
