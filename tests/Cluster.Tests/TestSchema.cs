using Npgsql;

namespace GrainMarket.Cluster.Tests;

/// <summary>
/// A schema of its own on the test server, reached through a connection string whose <c>search_path</c> is that schema
/// alone: Orleans' membership, grain state and reminders and GrainMarket's tables of one test cluster, shared with no
/// other cluster (a reminder or a singleton grain of another cluster's service can never reach its silos). Dropped on dispose.
/// </summary>
public sealed class TestSchema : IAsyncDisposable
{
    private static readonly TimeSpan DropTimeout = TimeSpan.FromSeconds(30);

    private readonly string _serverConnectionString;

    public TestSchema(string serverConnectionString, string name)
    {
        _serverConnectionString = serverConnectionString;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { SearchPath = name }.ConnectionString;
        DataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    public string Name { get; }

    /// <summary>The server's connection string with <c>Search Path</c> set to <see cref="Name"/>: what the silos are given.</summary>
    public string ConnectionString { get; }

    /// <summary>A data source over <see cref="ConnectionString"/>, owned by this object.</summary>
    public NpgsqlDataSource DataSource { get; }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();

        // The client in this process opened pooled connections with the same string; close the idle ones first.
        await using (var pooled = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        using var timeout = new CancellationTokenSource(DropTimeout);
        await using var server = NpgsqlDataSource.Create(_serverConnectionString);
        await using var drop = server.CreateCommand($"DROP SCHEMA IF EXISTS {Name} CASCADE");
        await drop.ExecuteNonQueryAsync(timeout.Token);
    }
}
