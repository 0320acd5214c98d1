using System.Data.Common;
using GrainMarket.Database;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace GrainMarket.Bench;

/// <summary>The throwaway PostgreSQL that <c>./grainmarket bench</c> starts for the benchmarks that need one.</summary>
internal static class BenchDatabase
{
    /// <summary>
    /// Its connection string as a silo uses it: with the silo's defaults unless <c>GRAINMARKET_DB</c> names them (the
    /// same as src/Silo's <c>DatabaseExtensions.WithConnectionDefaults</c>, which the bench cannot reference): a pool of
    /// 32, automatic preparation of 32 statements, no reset when a connection goes back to the pool.
    /// </summary>
    public static string ConnectionString(string benchmark)
    {
        var given = Environment.GetEnvironmentVariable("GRAINMARKET_DB")
            ?? throw new InvalidOperationException($"bench {benchmark} needs GRAINMARKET_DB (./grainmarket bench starts a PostgreSQL and sets it).");
        var named = new DbConnectionStringBuilder { ConnectionString = given }.Keys.Cast<string>()
            .Select(key => key.Replace(" ", "", StringComparison.Ordinal)).ToList();
        bool Named(params string[] keys) => named.Any(key => keys.Any(k => key.Equals(k, StringComparison.OrdinalIgnoreCase)));

        var builder = new NpgsqlConnectionStringBuilder(given);
        if (!Named("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 32;
        }

        if (!Named("MaxPoolSize", "MaximumPoolSize"))
        {
            builder.MaxPoolSize = 32;
        }

        if (!Named("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }

    /// <summary>
    /// The connection string of a row-lock baseline with <paramref name="clients"/> clients: statements prepared as on
    /// the grain side, and a connection for every client, so that it never waits for one. A baseline holds its
    /// connection while it waits for row locks, so a smaller pool only slows it: with the silo's 32 the auction
    /// baseline fell from 232 to 92 bids per second.
    /// </summary>
    public static string BaselineConnectionString(string connectionString, int clients) =>
        new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = clients * 2 }.ConnectionString;

    /// <summary>Applies <c>db/*.sql</c> (copied next to the bench by the build) as a silo does before it starts.</summary>
    public static async Task MigrateAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new DatabaseMigrator(dataSource, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(DatabaseMigrator.DefaultFolder, CancellationToken.None);
    }

    /// <summary>How many transactions the database has committed so far (<c>pg_stat_database</c>, which backends report up to a second late).</summary>
    public static async Task<long> CommitsAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
