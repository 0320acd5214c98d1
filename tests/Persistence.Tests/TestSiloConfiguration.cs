using GrainMarket.Persistence.PostgreSql;
using GrainMarket.Persistence.Tests.TransactionalStorage;
using Orleans.Configuration;
using Orleans.Hosting;

namespace GrainMarket.Persistence.Tests;

/// <summary>
/// Everything a test silo is configured with, in one method, so that every provider the tests prove is registered
/// here and nowhere else: AdoNet clustering, grain storage and reminders on the test schema, and transactions with their state in
/// GrainMarket's PostgreSQL transactional storage.
/// </summary>
public static class TestSiloConfiguration
{
    /// <summary>The ADO.NET invariant; Orleans loads <c>Npgsql.NpgsqlFactory.Instance</c> from the Npgsql assembly by name.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>The configuration key under which the test cluster hands the schema's connection string to each silo.</summary>
    public const string ConnectionStringKey = "GrainMarket:TestDatabase";

    /// <summary>The shortest reminder period the silos accept; the default of one minute would make a reminder test slow.</summary>
    public static readonly TimeSpan MinimumReminderPeriod = TimeSpan.FromSeconds(1);

    public static void Configure(ISiloBuilder silo, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        silo.UseAdoNetClustering(options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
        });

        silo.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = MinimumReminderPeriod);

        silo.UseGrainMarketTransactions();
        silo.AddGrainMarketPostgresStorage(connectionString, fenceDeadSilo: true);
        silo.Services.AddStateProjection<BalanceState, BalanceProjection>();
    }
}
