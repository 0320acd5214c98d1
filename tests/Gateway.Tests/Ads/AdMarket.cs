using GrainMarket.Gateway.Tests.Support;
using Npgsql;

namespace GrainMarket.Gateway.Tests.Ads;

/// <summary>
/// A silo of its own (a schema of its own) for the ad-deal and investor tests, which ask the audit to answer yes: on the
/// shared marketplace other tests leave holds the audit rightly names (the wallet grain tests' bare holds), so its
/// answer there says nothing about ad deals. <see cref="Database"/> reads that schema's read models.
/// </summary>
public sealed class AdMarket : IAsyncLifetime
{
    private IsolatedFactory? _factory;
    private NpgsqlDataSource? _database;

    public IsolatedFactory Factory => _factory ?? throw new InvalidOperationException("The ad market has not started.");

    public NpgsqlDataSource Database => _database ?? throw new InvalidOperationException("The ad market has not started.");

    public async ValueTask InitializeAsync()
    {
        _factory = await IsolatedFactory.StartAsync(new Dictionary<string, string>(), CancellationToken.None);
        _database = NpgsqlDataSource.Create(IsolatedFactory.ConnectionStringOf(_factory.Schema));
    }

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }
}
