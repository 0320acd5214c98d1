using GrainMarket.ApiGateway;
using GrainMarket.ApiGateway.Streaming;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;

namespace GrainMarket.Gateway.Tests.Support;

/// <summary>
/// A standalone gateway (<see cref="GatewayProgram"/>) beside a factory's silo, as one is beside a cluster: an Orleans
/// client that finds the silo through the membership table of the same database and cluster id, with its own database
/// connections and its own <see cref="AuctionEventFeed"/>, sharing with the first only the database and the grains.
/// </summary>
/// <remarks>
/// <see cref="WebApplicationFactory{TEntryPoint}"/> runs the entry point of its type argument's assembly; the
/// <c>static</c> <see cref="GatewayProgram"/> cannot be one, so another type of the gateway's assembly names it.
/// </remarks>
public sealed class SecondGateway : WebApplicationFactory<AuctionEventFeed>
{
    private readonly string _connectionString;
    private readonly string _clusterId;
    private readonly NpgsqlDataSource _dataSource;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private volatile bool _refuseConnections;

    private SecondGateway(string connectionString, string clusterId, IReadOnlyDictionary<string, string>? settings = null)
    {
        _settings = settings ?? new Dictionary<string, string>();
        _connectionString = connectionString;
        _clusterId = clusterId;

        // Not pooled, so each open is a new connection and goes through the initializer that may refuse it.
        var database = new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        database.UsePhysicalConnectionInitializer(_ => ThrowIfRefused(), _ =>
        {
            ThrowIfRefused();
            return Task.CompletedTask;
        });
        _dataSource = database.Build();
    }

    public AuctionEventFeed Feed => Services.GetRequiredService<AuctionEventFeed>();

    /// <summary>
    /// While true, the gateway cannot open database connections (its connections are not pooled, so each open is a new
    /// one): as if the database were out of its reach, while the silo still commits.
    /// </summary>
    public bool RefuseConnections
    {
        get => _refuseConnections;
        set => _refuseConnections = value;
    }

    /// <summary>Starts a standalone gateway in the cluster of <paramref name="beside"/>'s silo, on its database (with <paramref name="settings"/> of its own if given).</summary>
    public static async Task<SecondGateway> StartAsync(GatewayFactory beside, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(beside);
        var connectionString = beside.Services.GetRequiredService<IConfiguration>()["GRAINMARKET_DB"]
            ?? throw new InvalidOperationException("A second gateway needs a silo on PostgreSQL.");
        var clusterId = beside.Services.GetRequiredService<IOptions<ClusterOptions>>().Value.ClusterId;
        var gateway = new SecondGateway(connectionString, clusterId, settings);
        try
        {
            // The host starts once its Orleans client has connected to the silo's gateway.
            await Task.Run(() => gateway.Server, cancellationToken).WaitAsync(TimeSpan.FromMinutes(1), cancellationToken);
            return gateway;
        }
        catch
        {
            await gateway.DisposeAsync();
            throw;
        }
    }

    public override async ValueTask DisposeAsync()
    {
        _refuseConnections = false;
        await base.DisposeAsync();
        await _dataSource.DisposeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureLogging(logging => logging.AddProvider(new FileLoggerProvider(FileLoggerProvider.DefaultPath)));
        builder.UseSetting("GRAINMARKET_DB", _connectionString);
        builder.UseSetting("GRAINMARKET_CLUSTER_ID", _clusterId);
        builder.UseSetting("GRAINMARKET_JWT_KEY", GatewayFactory.JwtKey);
        foreach (var (name, value) in _settings)
        {
            builder.UseSetting(name, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<NpgsqlDataSource>();
            services.AddSingleton(_dataSource);
        });
    }

    private void ThrowIfRefused()
    {
        if (_refuseConnections)
        {
            throw new NpgsqlException("The test refuses this gateway's connections.");
        }
    }
}
