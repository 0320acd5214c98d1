using GrainMarket.ApiGateway.Extensions;
using GrainMarket.ApiGateway.Streaming;
using GrainMarket.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace GrainMarket.Gateway.Tests.Support;

/// <summary>
/// Another gateway beside a factory's silo, as a standalone gateway is beside a cluster: a host of its own with its own
/// database connections and its own <see cref="AuctionEventFeed"/>, sharing with the first only the database and the
/// grains it calls (in-process here, where a standalone gateway calls over HTTP/2).
/// </summary>
public sealed class SecondGateway : IAsyncDisposable
{
    private WebApplication? _app;
    private NpgsqlDataSource? _dataSource;
    private volatile bool _refuseConnections;

    private SecondGateway()
    {
    }

    public TestServer Server => _app!.GetTestServer();

    public AuctionEventFeed Feed => _app!.Services.GetRequiredService<AuctionEventFeed>();

    /// <summary>
    /// While true, the gateway cannot open database connections (its connections are not pooled, so each open is a new
    /// one): as if the database were out of its reach, while the silo still commits.
    /// </summary>
    public bool RefuseConnections
    {
        get => _refuseConnections;
        set => _refuseConnections = value;
    }

    public static async Task<SecondGateway> StartAsync(GatewayFactory beside, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(beside);
        var gateway = new SecondGateway();
        var database = new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionString) { Pooling = false }.ConnectionString);
        database.UsePhysicalConnectionInitializer(_ => gateway.ThrowIfRefused(), _ =>
        {
            gateway.ThrowIfRefused();
            return Task.CompletedTask;
        });
        gateway._dataSource = database.Build();

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
        builder.WebHost.UseTestServer();
        builder.Logging.AddProvider(new FileLoggerProvider(FileLoggerProvider.DefaultPath));
        builder.Configuration["GRAINMARKET_JWT_KEY"] = GatewayFactory.JwtKey;
        builder.Services.AddSingleton(gateway._dataSource);
        builder.Services.AddSingleton(beside.Services.GetRequiredService<IGrainFactory>());
        builder.AddGrainMarketGateway();
        gateway._app = builder.Build();
        gateway._app.MapGrainMarketGateway();
        await gateway._app.StartAsync(cancellationToken);
        return gateway;
    }

    public async ValueTask DisposeAsync()
    {
        _refuseConnections = false;
        if (_app is not null)
        {
            await _app.StopAsync(CancellationToken.None);
            await _app.DisposeAsync();
        }

        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }
    }

    private void ThrowIfRefused()
    {
        if (_refuseConnections)
        {
            throw new NpgsqlException("The test refuses this gateway's connections.");
        }
    }
}
