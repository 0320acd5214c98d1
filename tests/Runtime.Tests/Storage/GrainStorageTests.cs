using GrainMarket.Runtime.Storage;
using Xunit;

namespace GrainMarket.Runtime.Tests.Storage;

/// <summary>
/// The contract every <see cref="IGrainStorage"/> keeps; each concrete subclass runs it against one implementation.
/// Every test uses a fresh grain key, so tests never see each other's rows.
/// </summary>
public abstract class GrainStorageTests
{
    private const string StateName = "state";

    private const int Writers = 8;

    // 2^53 + 1: a double cannot hold it, so a lossy JSON number path would show.
    private const long BigBalance = 9_007_199_254_740_993;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract Task<IGrainStorage> CreateStorageAsync(CancellationToken cancellationToken);

    [Fact]
    public async Task Reading_a_missing_state_returns_no_record_and_no_etag()
    {
        var storage = await CreateStorageAsync(Ct);

        var read = await storage.ReadAsync<SampleState>(NewGrain(), StateName, Ct);

        Assert.Null(read.State);
        Assert.Null(read.Etag);
        Assert.False(read.RecordExists);
    }

    [Fact]
    public async Task Written_state_reads_back_with_the_returned_etag()
    {
        var storage = await CreateStorageAsync(Ct);
        var grain = NewGrain();
        var state = new SampleState("alice", BigBalance, ["gold", "early-adopter", "ünïcödé"]);

        var etag = await storage.WriteAsync(grain, StateName, state, null, Ct);
        var read = await storage.ReadAsync<SampleState>(grain, StateName, Ct);

        Assert.Equal("1", etag);
        Assert.Equal(etag, read.Etag);
        Assert.True(read.RecordExists);
        AssertSameState(state, read.State);
    }

    [Fact]
    public async Task Each_write_returns_the_next_version()
    {
        var storage = await CreateStorageAsync(Ct);
        var grain = NewGrain();

        var first = await storage.WriteAsync(grain, StateName, new SampleState("v1", 1, []), null, Ct);
        var second = await storage.WriteAsync(grain, StateName, new SampleState("v2", 2, []), first, Ct);
        var third = await storage.WriteAsync(grain, StateName, new SampleState("v3", 3, []), second, Ct);

        Assert.Equal(["1", "2", "3"], [first, second, third]);
        var read = await storage.ReadAsync<SampleState>(grain, StateName, Ct);
        Assert.Equal("3", read.Etag);
        Assert.Equal("v3", read.State?.Name);
    }

    [Fact]
    public async Task States_of_the_same_grain_with_different_names_are_independent()
    {
        var storage = await CreateStorageAsync(Ct);
        var grain = NewGrain();

        await storage.WriteAsync(grain, "profile", new SampleState("profile", 1, []), null, Ct);
        var other = await storage.ReadAsync<SampleState>(grain, "balance", Ct);
        var otherEtag = await storage.WriteAsync(grain, "balance", new SampleState("balance", 2, []), null, Ct);

        Assert.False(other.RecordExists);
        Assert.Equal("1", otherEtag);
        Assert.Equal("profile", (await storage.ReadAsync<SampleState>(grain, "profile", Ct)).State?.Name);
    }

    [Fact]
    public async Task Writing_with_a_stale_etag_throws_and_leaves_the_stored_state_unchanged()
    {
        var storage = await CreateStorageAsync(Ct);
        var grain = NewGrain();
        var stale = await storage.WriteAsync(grain, StateName, new SampleState("first", 1, ["a"]), null, Ct);
        var current = await storage.WriteAsync(grain, StateName, new SampleState("second", 2, ["b"]), stale, Ct);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteAsync(grain, StateName, new SampleState("lost", 3, ["c"]), stale, Ct));

        Assert.Equal(current, error.StoredEtag);
        Assert.Equal(stale, error.CurrentEtag);
        Assert.Contains(grain.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains(StateName, error.Message, StringComparison.Ordinal);
        Assert.Contains($"expected version {stale}", error.Message, StringComparison.Ordinal);
        var read = await storage.ReadAsync<SampleState>(grain, StateName, Ct);
        Assert.Equal(current, read.Etag);
        AssertSameState(new SampleState("second", 2, ["b"]), read.State);
    }

    [Fact]
    public async Task Writing_with_an_etag_when_no_state_exists_is_rejected()
    {
        var storage = await CreateStorageAsync(Ct);
        var grain = NewGrain();

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteAsync(grain, StateName, new SampleState("ghost", 1, []), "1", Ct));

        Assert.False((await storage.ReadAsync<SampleState>(grain, StateName, Ct)).RecordExists);
    }

    [Fact]
    public async Task Second_first_write_of_the_same_grain_is_rejected()
    {
        var storage = await CreateStorageAsync(Ct);
        var grain = NewGrain();
        await storage.WriteAsync(grain, StateName, new SampleState("winner", 1, []), null, Ct);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteAsync(grain, StateName, new SampleState("loser", 2, []), null, Ct));

        Assert.Contains("already exists", error.Message, StringComparison.Ordinal);
        Assert.Equal("1", error.StoredEtag);
        Assert.Equal("winner", (await storage.ReadAsync<SampleState>(grain, StateName, Ct)).State?.Name);
    }

    [Fact]
    public async Task Concurrent_first_writes_let_exactly_one_win()
    {
        var storage = await CreateStorageAsync(Ct);
        var grain = NewGrain();

        var outcomes = await RaceAsync(writer => storage.WriteAsync(grain, StateName, new SampleState($"writer-{writer}", writer, []), null, Ct));

        var winner = Assert.Single(outcomes, outcome => outcome.Etag is not null);
        Assert.Equal("1", winner.Etag);
        var read = await storage.ReadAsync<SampleState>(grain, StateName, Ct);
        Assert.Equal("1", read.Etag);
        Assert.Equal($"writer-{winner.Writer}", read.State?.Name);
    }

    [Fact]
    public async Task Concurrent_writes_with_the_same_etag_let_exactly_one_win()
    {
        var storage = await CreateStorageAsync(Ct);
        var grain = NewGrain();
        var etag = await storage.WriteAsync(grain, StateName, new SampleState("base", 0, []), null, Ct);

        var outcomes = await RaceAsync(writer => storage.WriteAsync(grain, StateName, new SampleState($"writer-{writer}", writer, []), etag, Ct));

        var winner = Assert.Single(outcomes, outcome => outcome.Etag is not null);
        Assert.Equal("2", winner.Etag);
        var read = await storage.ReadAsync<SampleState>(grain, StateName, Ct);
        Assert.Equal("2", read.Etag);
        Assert.Equal($"writer-{winner.Writer}", read.State?.Name);
    }

    [Fact]
    public async Task Clearing_makes_the_record_absent_but_keeps_a_new_etag()
    {
        var storage = await CreateStorageAsync(Ct);
        var grain = NewGrain();
        var etag = await storage.WriteAsync(grain, StateName, new SampleState("doomed", 1, []), null, Ct);

        var cleared = await storage.ClearAsync(grain, StateName, etag, Ct);
        var read = await storage.ReadAsync<SampleState>(grain, StateName, Ct);

        Assert.Equal("2", cleared);
        Assert.False(read.RecordExists);
        Assert.Null(read.State);
        Assert.Equal(cleared, read.Etag);
    }

    [Fact]
    public async Task A_stale_activation_cannot_write_after_a_clear()
    {
        var storage = await CreateStorageAsync(Ct);
        var grain = NewGrain();
        var stale = await storage.WriteAsync(grain, StateName, new SampleState("before", 1, []), null, Ct);
        var cleared = await storage.ClearAsync(grain, StateName, stale, Ct);

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteAsync(grain, StateName, new SampleState("resurrected", 2, []), stale, Ct));

        var read = await storage.ReadAsync<SampleState>(grain, StateName, Ct);
        Assert.False(read.RecordExists);
        Assert.Equal(cleared, read.Etag);
    }

    [Fact]
    public async Task A_first_write_cannot_resurrect_a_cleared_state()
    {
        var storage = await CreateStorageAsync(Ct);
        var grain = NewGrain();
        var etag = await storage.WriteAsync(grain, StateName, new SampleState("before", 1, []), null, Ct);
        var cleared = await storage.ClearAsync(grain, StateName, etag, Ct);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteAsync(grain, StateName, new SampleState("resurrected", 2, []), null, Ct));

        Assert.Equal(cleared, error.StoredEtag);
        var read = await storage.ReadAsync<SampleState>(grain, StateName, Ct);
        Assert.False(read.RecordExists);
        Assert.Equal(cleared, read.Etag);
    }

    [Fact]
    public async Task Writing_with_the_etag_of_a_cleared_state_stores_it_again()
    {
        var storage = await CreateStorageAsync(Ct);
        var grain = NewGrain();
        var etag = await storage.WriteAsync(grain, StateName, new SampleState("before", 1, []), null, Ct);
        var cleared = await storage.ClearAsync(grain, StateName, etag, Ct);

        var written = await storage.WriteAsync(grain, StateName, new SampleState("again", 2, ["x"]), cleared, Ct);

        Assert.Equal("3", written);
        var read = await storage.ReadAsync<SampleState>(grain, StateName, Ct);
        Assert.True(read.RecordExists);
        AssertSameState(new SampleState("again", 2, ["x"]), read.State);
    }

    [Fact]
    public async Task Clearing_a_missing_state_without_an_etag_returns_null()
    {
        var storage = await CreateStorageAsync(Ct);
        var grain = NewGrain();

        var cleared = await storage.ClearAsync(grain, StateName, null, Ct);

        Assert.Null(cleared);
        Assert.Null((await storage.ReadAsync<SampleState>(grain, StateName, Ct)).Etag);
    }

    [Fact]
    public async Task Clearing_without_an_etag_when_a_state_exists_is_rejected()
    {
        var storage = await CreateStorageAsync(Ct);
        var grain = NewGrain();
        var etag = await storage.WriteAsync(grain, StateName, new SampleState("kept", 1, []), null, Ct);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearAsync(grain, StateName, null, Ct));

        Assert.Equal(etag, error.StoredEtag);
        var read = await storage.ReadAsync<SampleState>(grain, StateName, Ct);
        Assert.True(read.RecordExists);
        Assert.Equal("kept", read.State?.Name);
    }

    [Fact]
    public async Task Clearing_with_a_stale_etag_is_rejected_and_keeps_the_state()
    {
        var storage = await CreateStorageAsync(Ct);
        var grain = NewGrain();
        var stale = await storage.WriteAsync(grain, StateName, new SampleState("first", 1, []), null, Ct);
        var current = await storage.WriteAsync(grain, StateName, new SampleState("second", 2, []), stale, Ct);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearAsync(grain, StateName, stale, Ct));

        Assert.Equal(current, error.StoredEtag);
        var read = await storage.ReadAsync<SampleState>(grain, StateName, Ct);
        Assert.True(read.RecordExists);
        Assert.Equal(current, read.Etag);
        Assert.Equal("second", read.State?.Name);
    }

    [Fact]
    public async Task Mutating_the_object_after_a_write_does_not_change_the_stored_state()
    {
        var storage = await CreateStorageAsync(Ct);
        var grain = NewGrain();
        var state = new SampleState("original", 10, ["one"]);
        await storage.WriteAsync(grain, StateName, state, null, Ct);

        state.Tags.Add("two");
        var first = await storage.ReadAsync<SampleState>(grain, StateName, Ct);
        first.State!.Tags.Add("three");
        var second = await storage.ReadAsync<SampleState>(grain, StateName, Ct);

        Assert.Equal(["one"], second.State?.Tags);
    }

    private static GrainId NewGrain() => GrainId.Create("storage-test", Guid.NewGuid());

    private static void AssertSameState(SampleState expected, SampleState? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Balance, actual.Balance);
        Assert.Equal(expected.Tags, actual.Tags);
    }

    // Starts every writer at once; each outcome is the new etag, or null when the writer lost the race.
    private static async Task<(int Writer, string? Etag)[]> RaceAsync(Func<int, Task<string>> write)
    {
        using var start = new SemaphoreSlim(0, Writers);
        var writers = Enumerable.Range(0, Writers).Select(writer => Task.Run(
            async () =>
            {
                await start.WaitAsync(Ct);
                try
                {
                    return (writer, (string?)await write(writer));
                }
                catch (InconsistentStateException)
                {
                    return (writer, null);
                }
            },
            Ct)).ToArray();
        start.Release(Writers);
        return await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(30), Ct);
    }
}
