using GrainMarket.Runtime.Transactions;
using Npgsql;

namespace GrainMarket.Runtime.Tests.Transactions;

/// <summary>Commits sent together in one batch: each is still all or nothing on its own.</summary>
public sealed class PostgresTransactionStoreTests
{
    private const int Commits = 40;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Refused_commits_in_a_batch_fail_alone_and_the_others_in_it_commit()
    {
        var dataSource = await TestDatabase.GetDataSourceAsync(Ct);
        var store = new PostgresTransactionStore(dataSource);
        var grains = Enumerable.Range(0, Commits).Select(_ => GrainId.Create("batch-test", Guid.NewGuid())).ToArray();
        await Task.WhenAll(grains.Select(g => store.CommitAsync(Guid.NewGuid(), [new TransactionWrite(g, "s", null, """{"n":1}""")], [], Ct)));
        var ids = grains.Select(_ => Guid.NewGuid()).ToArray();

        // Commit 7 names a version its state is not at; commit 23's id was already decided as aborted by a participant;
        // commit 31's state is not JSON, which the server refuses with an error of another kind.
        Assert.Equal(TransactionStatus.Aborted, await store.FenceAsync(ids[23], Ct));
        store = new PostgresTransactionStore(dataSource);
        var outcomes = await Task.WhenAll(Enumerable.Range(0, Commits).Select(async i =>
        {
            try
            {
                return await store.CommitAsync(ids[i], [new TransactionWrite(grains[i], "s", i == 7 ? 5 : 1, i == 31 ? "{n:" : """{"n":2}""")], [], Ct);
            }
            catch (TransactionConflictException) when (i is 7 or 23)
            {
                return null;
            }
            catch (PostgresException) when (i is 31)
            {
                return null;
            }
        }));

        Assert.Equal([7, 23, 31], Enumerable.Range(0, Commits).Where(i => outcomes[i] is null));
        Assert.All(outcomes.Where(o => o is not null), o => Assert.Equal([2L], o!));
        Assert.True(store.Sent.Commits > Commits, $"{store.Sent.Commits} commits sent: the refused ones never shared a batch with others");
        var versions = await VersionsAsync(dataSource, grains);
        Assert.Equal(Enumerable.Range(0, Commits).Select(i => i is 7 or 23 or 31 ? 1L : 2L), grains.Select(g => versions[g.Key]));
        var statuses = await StatusesAsync(dataSource, ids);
        Assert.Equal(Enumerable.Range(0, Commits).Select(i => i switch { 7 or 31 => null, 23 => "aborted", _ => "committed" }), ids.Select(id => statuses.GetValueOrDefault(id)));
    }

    private static async Task<Dictionary<string, long>> VersionsAsync(NpgsqlDataSource dataSource, GrainId[] grains)
    {
        await using var command = dataSource.CreateCommand("SELECT grain_key, version FROM grain_state WHERE grain_type = 'batch-test' AND grain_key = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. grains.Select(g => g.Key)] });
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var versions = new Dictionary<string, long>();
        while (await reader.ReadAsync(Ct))
        {
            versions[reader.GetString(0)] = reader.GetInt64(1);
        }

        return versions;
    }

    private static async Task<Dictionary<Guid, string>> StatusesAsync(NpgsqlDataSource dataSource, Guid[] ids)
    {
        await using var command = dataSource.CreateCommand("SELECT id, status FROM transactions WHERE id = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = ids });
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var statuses = new Dictionary<Guid, string>();
        while (await reader.ReadAsync(Ct))
        {
            statuses[reader.GetGuid(0)] = reader.GetString(1);
        }

        return statuses;
    }
}
