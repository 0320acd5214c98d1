using GrainMarket.Auctions;
using GrainMarket.Catalog;
using GrainMarket.Cluster.Tests;
using GrainMarket.Orders;
using GrainMarket.Persistence.PostgreSql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Configuration;
using Orleans.Hosting;

namespace GrainMarket.Bench;

/// <summary>
/// An Orleans silo in this process, alone on localhost clustering, with the benchmark's, the cluster tests' and the
/// marketplace grains and transactions. With a database it is stored as src/Silo stores it (the migrations applied
/// first): GrainMarket's PostgreSQL storage for transactional state and the states with read models, Orleans' ADO.NET
/// grain storage (Orleans' serializer) as the default and ADO.NET reminders. Without one, everything is in memory.
/// </summary>
internal sealed class BenchSilo : IAsyncDisposable
{
    /// <summary>src/Silo's service id, by which every stored row is keyed.</summary>
    private const string ServiceId = "grainmarket";

    private readonly IHost _host;

    private BenchSilo(IHost host)
    {
        _host = host;
    }

    public IGrainFactory GrainFactory => _host.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider Services => _host.Services;

    /// <param name="connectionString">The database, or null for memory storage.</param>
    /// <param name="configure">Anything more, applied last (so it may replace a provider registered here).</param>
    public static async Task<BenchSilo> StartAsync(string? connectionString = null, Action<ISiloBuilder>? configure = null)
    {
        if (connectionString is not null)
        {
            await BenchDatabase.MigrateAsync(connectionString);
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        if (Environment.GetEnvironmentVariable("GRAINMARKET_BENCH_LOG_LEVEL") is { Length: > 0 } level)
        {
            // For looking into a run: the silo's log on the console from this level up (Warning, Information, …).
            builder.Logging.AddSimpleConsole().SetMinimumLevel(Enum.Parse<LogLevel>(level, ignoreCase: true));
        }

        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(FreePort.Next(), FreePort.Next(), primarySiloEndpoint: null, ServiceId, $"bench-{Guid.NewGuid():N}");
            silo.UseGrainMarketTransactions();
            if (connectionString is null)
            {
                silo.AddMemoryGrainStorageAsDefault();
                silo.AddMemoryGrainStorage(PostgresGrainStorage.ProviderName);
                silo.UseInMemoryReminderService();
            }
            else
            {
                UsePostgres(silo, connectionString);
            }

            configure?.Invoke(silo);
        });

        // The settings src/Silo/Extensions registers for the marketplace grains, at their defaults; products need no approval.
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(OrderSettings.Default);
        builder.Services.AddSingleton(GrainMarket.Sellers.SellerPointsSettings.Default);
        builder.Services.AddSingleton(new CatalogSettings(ModerationRequired: false));
        builder.Services.AddSingleton(AuctionSettings.Default);
        builder.Services.AddSingleton(GrainMarket.Common.IdempotencySettings.From(null));

        var host = builder.Build();
        await host.StartAsync();
        return new BenchSilo(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    /// <summary>src/Silo's PostgreSQL configuration (its <c>PersistenceExtensions.UsePostgres</c>) minus the clustering and the fence.</summary>
    private static void UsePostgres(ISiloBuilder silo, string connectionString)
    {
        silo.AddGrainMarketPostgresStorage(connectionString, fenceDeadSilo: false);
        AddStateProjections(silo.Services);

        // The auction grain looks up the holds it caused in the ledger read model when it recovers.
        silo.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
    }

    /// <summary>
    /// Every <see cref="IStateProjection{TState}"/> of the Grains assembly, as the silo registers them (src/Silo's
    /// <c>AddStateProjections</c> lives in the silo's executable, which the bench does not reference).
    /// </summary>
    private static void AddStateProjections(IServiceCollection services)
    {
        foreach (var type in GrainsAssembly.Value.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false }))
        {
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IStateProjection<>)))
            {
                services.AddSingleton(contract, type);
            }
        }
    }
}
