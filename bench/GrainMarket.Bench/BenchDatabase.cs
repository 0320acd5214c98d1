using GrainMarket.Runtime.Hosting;
using Npgsql;

namespace GrainMarket.Bench;

/// <summary>The throwaway PostgreSQL that <c>./grainmarket bench</c> starts for the benchmarks that need one.</summary>
internal static class BenchDatabase
{
    /// <summary>
    /// Its connection string as a silo uses it: with the runtime's defaults (a pool of
    /// <see cref="GrainRuntimeBuilder.DefaultMaxPoolSize"/>, automatic statement preparation).
    /// </summary>
    public static string ConnectionString(string benchmark) =>
        GrainRuntimeBuilder.WithRuntimeDefaults(Environment.GetEnvironmentVariable("GRAINMARKET_DB")
            ?? throw new InvalidOperationException($"bench {benchmark} needs GRAINMARKET_DB (./grainmarket bench starts a PostgreSQL and sets it)."));

    /// <summary>
    /// The connection string of a row-lock baseline with <paramref name="clients"/> clients: statements prepared as on
    /// the grain side, and a connection for every client, so that it never waits for one. A baseline holds its
    /// connection while it waits for row locks, so a smaller pool only slows it: with the runtime's 32 the auction
    /// baseline fell from 232 to 92 bids per second.
    /// </summary>
    public static string BaselineConnectionString(string connectionString, int clients) =>
        new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = clients * 2 }.ConnectionString;
}
