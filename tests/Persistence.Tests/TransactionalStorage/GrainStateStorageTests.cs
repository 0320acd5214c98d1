using GrainMarket.Persistence.PostgreSql;
using GrainMarket.Persistence.Tests.Grains;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Serialization;
using Orleans.Storage;

namespace GrainMarket.Persistence.Tests.TransactionalStorage;

/// <summary>GrainMarket's PostgreSQL grain storage: persistent states written together with their read models.</summary>
[Collection(ClusterCollection.Name)]
public sealed class GrainStateStorageTests(ClusterFixture fixture)
{
    private const string StateName = "profile";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_persistent_state_and_its_read_model_are_written_together_and_survive_deactivation()
    {
        var key = $"profile-{Guid.NewGuid():N}";
        var grain = fixture.Client.GetGrain<IProfileGrain>(key);

        await grain.SetAsync(7);
        Assert.Equal(7L, await ProjectedAsync(GrainId.Create("gm-tests-profile", key)));

        await grain.DeactivateAsync();
        Assert.Equal(7L, await grain.GetAsync());
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_is_refused_and_changes_neither_state_nor_read_model()
    {
        await using var harness = NewHarness();
        var storage = NewStorage(harness);
        var grain = StorageHarness.NewGrainId();
        var first = new GrainState<BalanceState>(new BalanceState { Amount = 5 });
        var second = new GrainState<BalanceState>(new BalanceState { Amount = 9 });

        await storage.WriteStateAsync(StateName, grain, first);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grain, second));

        var read = new GrainState<BalanceState>();
        await storage.ReadStateAsync(StateName, grain, read);
        Assert.Equal((first.ETag, true, 5L), (read.ETag, read.RecordExists, read.State!.Amount));
        Assert.Equal(5L, await ProjectedAsync(grain));
    }

    [Fact]
    public async Task A_write_whose_read_model_the_server_refuses_is_not_stored()
    {
        await using var harness = NewHarness();
        var storage = NewStorage(harness);
        var grain = StorageHarness.NewGrainId();
        var state = new GrainState<BalanceState>(new BalanceState { Amount = 4 });
        await storage.WriteStateAsync(StateName, grain, state);
        var etag = state.ETag;

        state.State!.Amount = -1;
        // Reported as an inconsistent state (Orleans then drops the activation, whose state holds the refused change),
        // with the server's refusal inside.
        var refused = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grain, state));

        Assert.Equal(PostgresErrorCodes.CheckViolation, Assert.IsType<PostgresException>(refused.InnerException).SqlState);
        var read = new GrainState<BalanceState>();
        await storage.ReadStateAsync(StateName, grain, read);
        Assert.Equal((etag, 4L), (read.ETag, read.State!.Amount));
        Assert.Equal(4L, await ProjectedAsync(grain));
    }

    [Fact]
    public async Task Clearing_a_state_deletes_its_row_and_a_stale_clear_is_refused()
    {
        await using var harness = NewHarness();
        var storage = NewStorage(harness);
        var grain = StorageHarness.NewGrainId();
        var state = new GrainState<BalanceState>(new BalanceState { Amount = 3 });
        await storage.WriteStateAsync(StateName, grain, state);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(StateName, grain, new GrainState<BalanceState>(new BalanceState(), "99")));
        await storage.ClearStateAsync(StateName, grain, state);

        Assert.Equal((null, false, 0L), (state.ETag, state.RecordExists, state.State!.Amount));
        var read = new GrainState<BalanceState>();
        await storage.ReadStateAsync(StateName, grain, read);
        Assert.Equal((null, false, 0L), (read.ETag, read.RecordExists, read.State!.Amount));
    }

    private StorageHarness NewHarness() =>
        new(fixture.Database.ConnectionString, fixture.Client.ServiceProvider.GetRequiredService<Serializer>(), maxConcurrentBatches: 2, fenceDeadSilo: false, siloPort: 11111);

    private PostgresGrainStorage NewStorage(StorageHarness harness) =>
        new(harness.Table, fixture.Client.ServiceProvider.GetRequiredService<Serializer>(), new ServiceCollection().AddStateProjection<BalanceState, BalanceProjection>().BuildServiceProvider());

    private async Task<long?> ProjectedAsync(GrainId grain)
    {
        await using var command = fixture.Database.DataSource.CreateCommand("SELECT amount FROM test_balances WHERE grain_id = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grain.ToString() });
        await using var reader = await command.ExecuteReaderAsync(Ct);
        return await reader.ReadAsync(Ct) ? reader.GetInt64(0) : null;
    }
}
