using static GrainMarket.Persistence.Tests.QueryParameter;

namespace GrainMarket.Persistence.Tests;

/// <summary>
/// The grain storage queries on their own, with the parameters the AdoNet grain storage binds. Each answers with the
/// state's new version; Orleans treats an unchanged or missing version as a conflict.
/// </summary>
public sealed class StorageQueryTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_cleared_state_keeps_its_row_without_a_payload_at_a_newer_version_and_can_be_written_again()
    {
        var state = StateKey.New();
        Assert.Equal(1, await WriteAsync(state, version: null, payload: [1]));

        Assert.Equal(2, await ChangeAsync("ClearStorageKey", state, version: 1));
        Assert.Equal([((byte[]?)null, 2)], await ReadAsync(state));

        Assert.Equal(3, await WriteAsync(state, version: 2, payload: [3]));
        Assert.Equal([((byte[]?)[3], 3)], await ReadAsync(state), RowComparer.Instance);
    }

    [Fact]
    public async Task A_deleted_state_loses_its_row_and_answers_with_the_next_version()
    {
        var state = StateKey.New();
        Assert.Equal(1, await WriteAsync(state, version: null, payload: [1]));

        Assert.Equal(2, await ChangeAsync("DeleteStorageKey", state, version: 1));

        Assert.Empty(await ReadAsync(state));
        Assert.Equal(1, await WriteAsync(state, version: null, payload: [2]));
    }

    [Theory]
    [InlineData("ClearStorageKey")]
    [InlineData("DeleteStorageKey")]
    public async Task A_clear_or_delete_at_a_stale_version_answers_with_no_row_and_changes_nothing(string key)
    {
        var state = StateKey.New();
        Assert.Equal(1, await WriteAsync(state, version: null, payload: [1]));
        Assert.Equal(2, await WriteAsync(state, version: 1, payload: [2]));

        Assert.Null(await ChangeAsync(key, state, version: 1));

        Assert.Equal([((byte[]?)[2], 2)], await ReadAsync(state), RowComparer.Instance);
    }

    [Fact]
    public async Task States_that_differ_only_in_a_missing_an_empty_or_a_real_key_extension_are_separate_rows()
    {
        var missing = StateKey.New();
        var empty = missing with { Extension = "" };
        var real = missing with { Extension = "eu" };

        Assert.Equal(1, await WriteAsync(missing, version: null, payload: [1]));
        Assert.Equal(1, await WriteAsync(empty, version: null, payload: [2]));
        Assert.Equal(1, await WriteAsync(real, version: null, payload: [3]));

        Assert.Equal([((byte[]?)[1], 1)], await ReadAsync(missing), RowComparer.Instance);
        Assert.Equal([((byte[]?)[2], 1)], await ReadAsync(empty), RowComparer.Instance);
        Assert.Equal([((byte[]?)[3], 1)], await ReadAsync(real), RowComparer.Instance);
    }

    private async Task<object?> WriteAsync(StateKey state, int? version, byte[] payload) =>
        await fixture.Queries.ReadSingleValueAsync("WriteToStorageKey", Ct,
            [.. state.Parameters(), Number("GrainStateVersion", version), Bytes("PayloadBinary", payload)]);

    private async Task<object?> ChangeAsync(string key, StateKey state, int version)
    {
        var rows = await fixture.Queries.ReadAsync(key, Ct, [.. state.Parameters(), Number("GrainStateVersion", version)]);
        return rows.Count == 0 ? null : Assert.Single(Assert.Single(rows)).Value;
    }

    private async Task<List<(byte[]? Payload, int Version)>> ReadAsync(StateKey state)
    {
        var rows = await fixture.Queries.ReadAsync("ReadFromStorageKey", Ct, state.Parameters());
        return rows.Select(row => ((byte[]?)row["PayloadBinary"], (int)row["Version"]!)).ToList();
    }

    private sealed record StateKey(int GrainIdHash, long GrainIdN0, long GrainIdN1, string ServiceId, string? Extension)
    {
        public static StateKey New() =>
            new(Random.Shared.Next(), Random.Shared.NextInt64(), Random.Shared.NextInt64(), $"service-{Guid.NewGuid():N}", Extension: null);

        public QueryParameter[] Parameters() =>
        [
            Number("GrainIdHash", GrainIdHash),
            BigNumber("GrainIdN0", GrainIdN0),
            BigNumber("GrainIdN1", GrainIdN1),
            Number("GrainTypeHash", 7),
            Text("GrainTypeString", "storage-query-test"),
            Text("GrainIdExtensionString", Extension),
            Text("ServiceId", ServiceId),
        ];
    }

    // Compares payloads by content; a tuple's own equality would compare the arrays by reference.
    private sealed class RowComparer : IEqualityComparer<(byte[]? Payload, int Version)>
    {
        public static readonly RowComparer Instance = new();

        public bool Equals((byte[]? Payload, int Version) x, (byte[]? Payload, int Version) y) =>
            x.Version == y.Version && (x.Payload ?? []).AsSpan().SequenceEqual(y.Payload ?? []) && (x.Payload is null) == (y.Payload is null);

        public int GetHashCode((byte[]? Payload, int Version) obj) => obj.Version;
    }
}
