using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Serialization;
using Orleans.Storage;

namespace GrainMarket.Persistence.PostgreSql;

/// <summary>GrainMarket's storage configuration of a silo on PostgreSQL, shared by the silo host, its tests and the benchmarks.</summary>
public static class PostgresSiloExtensions
{
    /// <summary>The ADO.NET invariant of Orleans' providers; Orleans loads <c>Npgsql.NpgsqlFactory</c> by it.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>
    /// Grain state, reminders and transactional state in PostgreSQL (clustering is the caller's choice): Orleans' AdoNet
    /// grain storage as the default provider (states without read models) and AdoNet reminders on the tables of
    /// <c>db/0011</c>; transactional state and the <see cref="PostgresGrainStorage.ProviderName"/> provider (states with
    /// read models) in GrainMarket's storage (<c>db/0012</c>, <c>db/0013</c>).
    /// </summary>
    /// <param name="silo">The silo.</param>
    /// <param name="connectionString">The database's Npgsql connection string.</param>
    /// <param name="fenceDeadSilo">Refuse writes once the AdoNet membership table declares this silo dead (AdoNet clustering on the same database only).</param>
    public static ISiloBuilder AddGrainMarketPostgresStorage(this ISiloBuilder silo, string connectionString, bool fenceDeadSilo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        // State is stored with Orleans' own serializer: the same [Id]/[Alias] version tolerance as the wire contract,
        // and no CLR type names in the payload that a rename would break (the default is Newtonsoft JSON with $type).
        silo.AddAdoNetGrainStorageAsDefault((OptionsBuilder<AdoNetGrainStorageOptions> storage) =>
            storage.Configure<Serializer>((options, serializer) =>
            {
                options.Invariant = Invariant;
                options.ConnectionString = connectionString;
                options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
            }));

        silo.UseAdoNetReminderService(options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
        });

        silo.AddPostgresStateStorage(options =>
        {
            options.ConnectionString = connectionString;
            options.FenceDeadSilo = fenceDeadSilo;
        });
        return silo;
    }
}
