using GrainMarket.Persistence.PostgreSql;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.Transactions.Abstractions;
using static GrainMarket.Persistence.Tests.TransactionalStorage.StorageHarness;

namespace GrainMarket.Persistence.Tests.TransactionalStorage;

/// <summary>GrainMarket's PostgreSQL transactional state storage, driven the way Orleans' transaction queue drives it.</summary>
/// <remarks>
/// It shares the cluster's schema (with the read-model table its fixture creates) and its client's serializer, which
/// knows grain references as a silo's does.
/// </remarks>
[Collection(ClusterCollection.Name)]
public sealed class TransactionalStateStorageTests(ClusterFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TestDatabase Database => fixture.Database;

    private StorageHarness NewHarness(int maxConcurrentBatches = 2, bool fenceDeadSilo = false, int siloPort = 11111, bool autoPrepare = false) =>
        new(
            autoPrepare ? new NpgsqlConnectionStringBuilder(Database.ConnectionString) { MaxAutoPrepare = 32 }.ConnectionString : Database.ConnectionString,
            fixture.Client.ServiceProvider.GetRequiredService<Serializer>(),
            maxConcurrentBatches,
            fenceDeadSilo,
            siloPort);

    [Fact]
    public async Task A_store_with_a_stale_version_is_refused_and_the_storage_must_load_again()
    {
        await using var harness = NewHarness();
        var grain = NewGrainId();
        var first = harness.Storage(grain);
        var second = harness.Storage(grain);
        await first.Load();
        await second.Load();

        var etag = await first.Store(null, new TransactionalStateMetaData(), [Prepared(1, 10)], null, null);
        await Assert.ThrowsAsync<InconsistentStateException>(() => second.Store(null, new TransactionalStateMetaData(), [Prepared(1, 20)], null, null));
        await Assert.ThrowsAsync<InvalidOperationException>(() => second.Store(null, new TransactionalStateMetaData(), [Prepared(1, 20)], null, null));

        var loaded = await second.Load();
        Assert.Equal(etag, loaded.ETag);
        Assert.Equal(10, Assert.Single(loaded.PendingStates).State.Amount);
        Assert.Equal(0, loaded.CommittedSequenceId);
    }

    [Fact]
    public async Task A_store_whose_etag_is_not_the_current_one_writes_nothing()
    {
        await using var harness = NewHarness();
        var grain = NewGrainId();
        var storage = harness.Storage(grain);
        await storage.Load();
        var etag = await storage.Store(null, new TransactionalStateMetaData(), [Prepared(1, 10)], 1, null);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.Store("999", new TransactionalStateMetaData(), [Prepared(2, 20)], 2, null));

        var loaded = await harness.Storage(grain).Load();
        Assert.Equal(etag, loaded.ETag);
        Assert.Equal(10, loaded.CommittedState.Amount);
    }

    [Fact]
    public async Task A_prepared_state_survives_its_activation_and_a_new_one_commits_it()
    {
        await using var harness = NewHarness();
        var grain = NewGrainId();
        var crashed = harness.Storage(grain, new BalanceProjection());
        await crashed.Load();
        var prepared = Prepared(1, 42);
        var metadata = new TransactionalStateMetaData { TimeStamp = prepared.TimeStamp };
        await crashed.Store(null, metadata, [prepared], null, null);
        Assert.Null(await ProjectedAsync(grain));

        // The activation is gone between prepare and commit; the next one recovers the prepared state.
        var recovered = harness.Storage(grain, new BalanceProjection());
        var load = await recovered.Load();
        var pending = Assert.Single(load.PendingStates);
        Assert.Equal((1L, prepared.TransactionId, 42L), (pending.SequenceId, pending.TransactionId, pending.State.Amount));
        Assert.Equal((0L, 0L), (load.CommittedSequenceId, load.CommittedState.Amount));
        Assert.Equal(prepared.TimeStamp, load.Metadata.TimeStamp);

        var etag = await recovered.Store(load.ETag, load.Metadata, null, 1, null);

        var after = await harness.Storage(grain).Load();
        Assert.Equal((etag, 1L, 42L), (after.ETag, after.CommittedSequenceId, after.CommittedState.Amount));
        Assert.Empty(after.PendingStates);
        Assert.Equal(42L, await ProjectedAsync(grain));
    }

    [Fact]
    public async Task Read_models_change_only_when_a_store_commits()
    {
        await using var harness = NewHarness();
        var grain = NewGrainId();
        var storage = harness.Storage(grain, new BalanceProjection());
        await storage.Load();
        var metadata = new TransactionalStateMetaData();

        var etag = await storage.Store(null, metadata, [Prepared(1, 10)], null, null);
        Assert.Null(await ProjectedAsync(grain));

        etag = await storage.Store(etag, metadata, null, 1, null);
        Assert.Equal(10L, await ProjectedAsync(grain));

        // Prepared, then aborted: the read model keeps the committed state.
        etag = await storage.Store(etag, metadata, [Prepared(2, 30)], null, null);
        etag = await storage.Store(etag, metadata, null, null, 1);
        Assert.Equal(10L, await ProjectedAsync(grain));

        // Two transactions confirmed by one store: the read model shows the later one.
        etag = await storage.Store(etag, metadata, [Prepared(2, 15), Prepared(3, 18)], 3, null);
        Assert.Equal(18L, await ProjectedAsync(grain));

        var loaded = await harness.Storage(grain).Load();
        Assert.Equal((etag, 3L, 18L), (loaded.ETag, loaded.CommittedSequenceId, loaded.CommittedState.Amount));
        Assert.Empty(loaded.PendingStates);
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 5)]
    public async Task A_refused_store_in_a_shared_batch_fails_alone(bool autoPrepare, int rounds)
    {
        // With auto-prepare (as the silos run), the statements of a refused batch are prepared on its connection: the
        // writes sent again alone must not be bound to those (rounds reuse the pooled connections).
        await using var harness = NewHarness(maxConcurrentBatches: 1, autoPrepare: autoPrepare);
        for (var round = 0; round < rounds; round++)
        {
            await RefuseOneOfManyAsync(harness);
        }
    }

    private async Task RefuseOneOfManyAsync(StorageHarness harness)
    {
        const int Stores = 40;
        const int Refused = 17;
        var grains = Enumerable.Range(0, Stores).Select(_ => NewGrainId()).ToArray();
        var storages = grains.Select(grain => harness.Storage(grain, new BalanceProjection())).ToArray();
        foreach (var storage in storages)
        {
            await storage.Load();
        }

        // The projection's CHECK (amount >= 0) refuses one store; the others share batches with it.
        var stores = storages
            .Select((storage, i) => storage.Store(null, new TransactionalStateMetaData(), [Prepared(1, i == Refused ? -1 : i + 1)], 1, null))
            .ToArray();
        var outcomes = await Task.WhenAll(stores.Select(async store =>
        {
            try
            {
                await store;
                return null;
            }
            catch (PostgresException refused)
            {
                return refused.SqlState;
            }
        }));

        Assert.Equal(PostgresErrorCodes.CheckViolation, outcomes[Refused]);
        Assert.All(outcomes.Where((_, i) => i != Refused), Assert.Null);
        var (batches, writes) = harness.Table.Sent;
        Assert.True(writes > batches, $"{writes} writes went in {batches} batches: no batch was shared");
        for (var i = 0; i < Stores; i++)
        {
            var loaded = await harness.Storage(grains[i]).Load();
            Assert.Equal(i == Refused ? (null, 0L) : ("1", i + 1L), (loaded.ETag, loaded.CommittedState.Amount));
            Assert.Equal(i == Refused ? null : i + 1L, await ProjectedAsync(grains[i]));
        }
    }

    [Fact]
    public async Task A_silo_that_the_membership_table_declares_dead_cannot_write()
    {
        await using var harness = NewHarness(fenceDeadSilo: true, siloPort: Random.Shared.Next(20000, 30000));
        await SetMembershipStatusAsync(harness.Silo, status: 3);
        var grain = NewGrainId();
        var storage = harness.Storage(grain, new BalanceProjection());
        await storage.Load();
        var etag = await storage.Store(null, new TransactionalStateMetaData(), [Prepared(1, 10)], 1, null);

        await SetMembershipStatusAsync(harness.Silo, status: 6);
        await Assert.ThrowsAsync<SiloDeclaredDeadException>(() => storage.Store(etag, new TransactionalStateMetaData(), [Prepared(2, 20)], 2, null));

        var loaded = await harness.Storage(grain).Load();
        Assert.Equal((etag, 10L), (loaded.ETag, loaded.CommittedState.Amount));
        Assert.Equal(10L, await ProjectedAsync(grain));
    }

    private async Task<long?> ProjectedAsync(GrainId grain)
    {
        await using var command = Database.DataSource.CreateCommand("SELECT amount FROM test_balances WHERE grain_id = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grain.ToString() });
        await using var reader = await command.ExecuteReaderAsync(Ct);
        return await reader.ReadAsync(Ct) ? reader.GetInt64(0) : null;
    }

    private async Task SetMembershipStatusAsync(SiloAddress silo, int status)
    {
        await using var version = Database.DataSource.CreateCommand("INSERT INTO orleansmembershipversiontable (deploymentid) VALUES ($1) ON CONFLICT DO NOTHING");
        version.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ClusterId });
        await version.ExecuteNonQueryAsync(Ct);
        await using var command = Database.DataSource.CreateCommand("""
            INSERT INTO orleansmembershiptable (deploymentid, address, port, generation, siloname, hostname, status, starttime, iamalivetime)
            VALUES ($1, $2, $3, $4, 'storage-test-silo', 'localhost', $5, now(), now())
            ON CONFLICT (deploymentid, address, port, generation) DO UPDATE SET status = EXCLUDED.status
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ClusterId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = silo.Endpoint.Address.ToString() });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = silo.Endpoint.Port });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = silo.Generation });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = status });
        await command.ExecuteNonQueryAsync(Ct);
    }
}
