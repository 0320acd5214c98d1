using GrainMarket.Persistence.PostgreSql;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;

namespace GrainMarket.Silo.Extensions;

/// <summary>Where the silo keeps membership, grain state, transactional state and reminders.</summary>
public static class PersistenceExtensions
{
    /// <summary>
    /// Everything in PostgreSQL (the configuration tests/Persistence.Tests proves): Orleans' ADO.NET clustering, grain
    /// storage (the default provider, for states without read models) and reminders on the tables of <c>db/0011</c>;
    /// transactional state and the <see cref="PostgresGrainStorage.ProviderName"/> provider (states with read models)
    /// in GrainMarket's storage, which refuses writes of a silo the membership table declares dead. A grain whose call
    /// fails on storage is deactivated, so that it never answers from a change the database did not take
    /// (<see cref="StorageFailureDeactivation"/>).
    /// </summary>
    public static ISiloBuilder UsePostgres(this ISiloBuilder silo, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        silo.UseAdoNetClustering(options =>
        {
            options.Invariant = PostgresSiloExtensions.Invariant;
            options.ConnectionString = connectionString;
        });
        silo.AddGrainMarketPostgresStorage(connectionString, fenceDeadSilo: true);
        silo.Services.AddSingleton<IIncomingGrainCallFilter, StorageFailureDeactivation>();
        return silo;
    }

    /// <summary>
    /// Nothing survives the process: one silo on localhost clustering (it is its own primary, so it never joins
    /// another), memory grain storage as the default provider and under <see cref="PostgresGrainStorage.ProviderName"/>
    /// (the states with read models; no read model is written), and in-memory reminders. Transactional state falls
    /// back onto the default grain storage.
    /// </summary>
    public static ISiloBuilder UseInMemory(this ISiloBuilder silo, int siloPort, int gatewayPort, string clusterId)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.UseLocalhostClustering(siloPort, gatewayPort, primarySiloEndpoint: null, SiloExtensions.ServiceId, clusterId);
        silo.AddMemoryGrainStorageAsDefault();
        silo.AddMemoryGrainStorage(PostgresGrainStorage.ProviderName);
        silo.UseInMemoryReminderService();
        return silo;
    }
}
