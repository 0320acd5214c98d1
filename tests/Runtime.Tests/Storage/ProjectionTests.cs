using GrainMarket.Runtime.Tests.Grains;
using GrainMarket.Runtime.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GrainMarket.Runtime.Tests.Storage;

/// <summary>Read models written in the same PostgreSQL transaction as the state they project.</summary>
public sealed class ProjectionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_write_and_a_clear_of_a_projected_state_bring_its_read_model_along()
    {
        await using var silo = await StartAsync();
        var key = Guid.NewGuid().ToString("N");
        var grain = silo.GrainFactory.GetGrain<IProjectedNoteGrain>(key);

        await grain.WriteAsync($"first-{key}");
        Assert.Equal($"first-{key}", await ReadModelAsync("projected-note", key));
        await grain.WriteAsync($"second-{key}");
        Assert.Equal($"second-{key}", await ReadModelAsync("projected-note", key));

        await grain.ClearAsync();
        Assert.Null(await ReadModelAsync("projected-note", key));
    }

    [Fact]
    public async Task A_stale_write_of_a_projected_state_is_refused_and_its_read_model_statements_with_it()
    {
        // Two silos on one database without a cluster: the same note is active in both, as during a membership change.
        await using var first = await StartAsync();
        await using var second = await StartAsync();
        var key = Guid.NewGuid().ToString("N");
        var (current, stale) = (first.GrainFactory.GetGrain<IProjectedNoteGrain>(key), second.GrainFactory.GetGrain<IProjectedNoteGrain>(key));
        await current.WriteAsync($"one-{key}");
        Assert.Equal($"one-{key}", await stale.ReadAsync());
        await current.WriteAsync($"two-{key}");

        await Assert.ThrowsAsync<InconsistentStateException>(() => stale.WriteAsync($"three-{key}"));

        Assert.Equal($"two-{key}", await ReadModelAsync("projected-note", key));
        Assert.Equal(2L, await ScalarAsync("SELECT version FROM grain_state WHERE grain_type = 'projected-note' AND grain_key = $1", key));
    }

    [Fact]
    public async Task A_projection_that_fails_rolls_back_the_state_write_it_belongs_to()
    {
        await using var silo = await StartAsync();
        var value = $"taken-{Guid.NewGuid():N}";
        var owner = Guid.NewGuid().ToString("N");
        var other = Guid.NewGuid().ToString("N");
        await silo.GrainFactory.GetGrain<IProjectedNoteGrain>(owner).WriteAsync(value);

        // The read model's unique value refuses the second grain's row, and with it the grain's own state write.
        await Assert.ThrowsAsync<PostgresException>(() => silo.GrainFactory.GetGrain<IProjectedNoteGrain>(other).WriteAsync(value));

        Assert.Null(await ReadModelAsync("projected-note", other));
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM grain_state WHERE grain_type = 'projected-note' AND grain_key = $1", other));
        Assert.Equal(value, await ReadModelAsync("projected-note", owner));
    }

    [Fact]
    public async Task A_transaction_projects_every_state_it_commits_and_an_aborted_one_projects_nothing()
    {
        await using var silo = await StartAsync();
        var transactions = silo.Services.GetRequiredService<ITransactionClient>();
        var (a, b) = (Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"));
        var counterA = silo.GrainFactory.GetGrain<IProjectedCounterGrain>(a);
        var counterB = silo.GrainFactory.GetGrain<IProjectedCounterGrain>(b);

        await transactions.RunTransaction(TransactionOption.Create, async () =>
        {
            await counterA.SetAsync($"a1-{a}");
            await counterB.SetAsync($"b1-{b}");
        });
        await transactions.RunTransaction(TransactionOption.Create, async () =>
        {
            await counterA.SetAsync($"a2-{a}");
            await counterB.SetAsync($"b2-{b}");
            return false;
        });

        Assert.Equal($"a1-{a}", await ReadModelAsync("projected-counter", a));
        Assert.Equal($"b1-{b}", await ReadModelAsync("projected-counter", b));
    }

    [Fact]
    public async Task Rows_of_concurrent_transactions_land_together_and_a_refused_row_fails_only_its_own_transaction()
    {
        const int Counters = 40;
        const int Refused = 13;
        await using var silo = await StartAsync();
        var transactions = silo.Services.GetRequiredService<ITransactionClient>();
        var taken = $"taken-{Guid.NewGuid():N}";
        await silo.GrainFactory.GetGrain<IProjectedNoteGrain>(Guid.NewGuid().ToString("N")).WriteAsync(taken);
        var keys = Enumerable.Range(0, Counters).Select(_ => Guid.NewGuid().ToString("N")).ToArray();
        string Value(int i) => i == Refused ? taken : $"v{i}-{keys[i]}";

        // One counter's row repeats a value the read model already holds (unique): its commit is refused, and only its own.
        var outcomes = await Task.WhenAll(keys.Select(async (key, i) =>
        {
            try
            {
                await transactions.RunTransaction(TransactionOption.Create, () => silo.GrainFactory.GetGrain<IProjectedCounterGrain>(key).SetAsync(Value(i)));
                return true;
            }
            catch (TransactionAbortedException)
            {
                return false;
            }
        }));

        Assert.Equal(Enumerable.Range(0, Counters).Where(i => i != Refused), Enumerable.Range(0, Counters).Where(i => outcomes[i]));
        for (var i = 0; i < Counters; i++)
        {
            Assert.Equal(i == Refused ? null : Value(i), await ReadModelAsync("projected-counter", keys[i]));
        }
    }

    private static async Task<TestSilo> StartAsync()
    {
        await ScalarAsync(ProjectedValueProjection.CreateTableSql + "; SELECT 0::bigint");
        return await TestSilo.StartAsync(postgres: true, cancellationToken: Ct);
    }

    private static async Task<string?> ReadModelAsync(string grainType, string key)
    {
        var dataSource = await TestDatabase.GetDataSourceAsync(Ct);
        await using var command = dataSource.CreateCommand("SELECT value FROM test_projection WHERE grain_type = $1 AND grain_key = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = grainType });
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        return await command.ExecuteScalarAsync(Ct) as string;
    }

    private static async Task<long> ScalarAsync(string sql, params object[] values)
    {
        var dataSource = await TestDatabase.GetDataSourceAsync(Ct);
        await using var command = dataSource.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }
}
