using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Runtime;
using Orleans.Serialization;

namespace GrainMarket.Gateway.Tests.Support;

/// <summary>
/// Grain state as GrainMarket's PostgreSQL storage keeps it: one row per state, in Orleans' binary serialization (the
/// same <c>[Id]</c>/<c>[Alias]</c> contract as the wire), read back with a serializer of the grain assemblies' types.
/// </summary>
public static class StoredState
{
    private static readonly Lazy<Serializer> Serializer = new(() => new ServiceCollection()
        .AddSerializer(serializer => serializer
            .AddAssembly(typeof(GrainMarket.Wallets.WalletState).Assembly)
            .AddAssembly(typeof(GrainMarket.Wallets.LedgerEntry).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>());

    /// <summary>The committed value of a transactional state (<c>orleans_transactional_state</c>); null when nothing was committed.</summary>
    public static Task<T?> TransactionalAsync<T>(NpgsqlDataSource dataSource, GrainId grainId, string stateName, CancellationToken cancellationToken) =>
        ReadAsync<T>(dataSource, "SELECT committed_state FROM orleans_transactional_state WHERE grain_id = $1 AND state_name = $2", grainId, stateName, cancellationToken);

    /// <summary>A persistent state written through the <c>postgres</c> provider (<c>orleans_grain_state</c>); null when none was written.</summary>
    public static Task<T?> PersistentAsync<T>(NpgsqlDataSource dataSource, GrainId grainId, string stateName, CancellationToken cancellationToken) =>
        ReadAsync<T>(dataSource, "SELECT payload FROM orleans_grain_state WHERE grain_id = $1 AND state_name = $2", grainId, stateName, cancellationToken);

    /// <summary>
    /// Waits (up to 15 s) until the transactional state has no prepared-but-unconfirmed transaction, so that its read
    /// models show every transaction it took part in. Orleans answers the caller once the transaction manager has
    /// stored the commit; the other participants store their confirmation (and GrainMarket their read models) a moment later.
    /// </summary>
    public static async Task ConfirmedAsync(NpgsqlDataSource dataSource, GrainId grainId, string stateName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            await using var command = dataSource.CreateCommand("SELECT pending IS NOT NULL FROM orleans_transactional_state WHERE grain_id = $1 AND state_name = $2");
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.ToString() });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stateName });
            if (await command.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"{grainId} still has unconfirmed transactions on '{stateName}' after 15 s");
            }

            await Task.Delay(20, cancellationToken);
        }
    }

    private static async Task<T?> ReadAsync<T>(NpgsqlDataSource dataSource, string sql, GrainId grainId, string stateName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.ToString() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stateName });
        return await command.ExecuteScalarAsync(cancellationToken) is byte[] payload ? Serializer.Value.Deserialize<T>(payload) : default;
    }
}
