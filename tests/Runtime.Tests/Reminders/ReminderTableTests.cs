using GrainMarket.Runtime.Reminders;
using Xunit;

namespace GrainMarket.Runtime.Tests.Reminders;

/// <summary>
/// The contract every <see cref="IReminderTable"/> keeps. Times come from a fixed clock (<see cref="Now"/>), never the
/// machine's, and each test registers reminders of a grain type of its own.
/// </summary>
public abstract class ReminderTableTests
{
    private const string Tick = "tick";

    private static readonly DateTimeOffset Now = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract Task<IReminderTable> CreateTableAsync(CancellationToken cancellationToken);

    [Fact]
    public async Task Upsert_starts_at_generation_one_and_each_registration_increments_it()
    {
        var table = await CreateTableAsync(Ct);
        var grain = NewGrain(NewGrainType());

        var first = await table.UpsertAsync(grain, Tick, Now.AddMinutes(1), null, Ct);
        var second = await table.UpsertAsync(grain, Tick, Now.AddMinutes(2), TimeSpan.FromMinutes(5), Ct);
        var third = await table.UpsertAsync(grain, Tick, Now.AddMinutes(3), null, Ct);

        Assert.Equal(new ReminderEntry(grain, Tick, Now.AddMinutes(1), null, 1, 0), first);
        Assert.Equal(new ReminderEntry(grain, Tick, Now.AddMinutes(2), TimeSpan.FromMinutes(5), 2, 0), second);
        Assert.Equal(3, third.Generation);
        Assert.Equal(third, await table.ReadAsync(grain, Tick, Ct));
    }

    [Fact]
    public async Task Times_are_stored_as_instants_and_read_back_in_utc()
    {
        var table = await CreateTableAsync(Ct);
        var grain = NewGrain(NewGrainType());
        var dueInParis = new DateTimeOffset(2030, 6, 1, 14, 30, 0, TimeSpan.FromHours(2));

        var entry = await table.UpsertAsync(grain, Tick, dueInParis, TimeSpan.FromSeconds(90), Ct);
        var read = await table.ReadAsync(grain, Tick, Ct);

        Assert.Equal(dueInParis, entry.DueAt);
        Assert.Equal(TimeSpan.Zero, read?.DueAt.Offset);
        Assert.Equal(new DateTimeOffset(2030, 6, 1, 12, 30, 0, TimeSpan.Zero), read?.DueAt);
        Assert.Equal(TimeSpan.FromSeconds(90), read?.Period);
    }

    [Fact]
    public async Task A_period_shorter_than_a_millisecond_is_rejected()
    {
        var table = await CreateTableAsync(Ct);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => table.UpsertAsync(NewGrain(NewGrainType()), Tick, Now, TimeSpan.FromTicks(5), Ct));
    }

    [Fact]
    public async Task Reading_or_removing_a_missing_reminder_finds_nothing()
    {
        var table = await CreateTableAsync(Ct);
        var grain = NewGrain(NewGrainType());

        Assert.Null(await table.ReadAsync(grain, Tick, Ct));
        Assert.Empty(await table.ReadAllAsync(grain, Ct));
        Assert.False(await table.RemoveAsync(grain, Tick, Ct));
    }

    [Fact]
    public async Task Remove_deletes_the_reminder_and_reports_that_it_existed()
    {
        var table = await CreateTableAsync(Ct);
        var grain = NewGrain(NewGrainType());
        await table.UpsertAsync(grain, Tick, Now, null, Ct);

        Assert.True(await table.RemoveAsync(grain, Tick, Ct));
        Assert.Null(await table.ReadAsync(grain, Tick, Ct));
        Assert.False(await table.RemoveAsync(grain, Tick, Ct));
    }

    [Fact]
    public async Task ReadAll_returns_only_the_grains_own_reminders_ordered_by_name()
    {
        var table = await CreateTableAsync(Ct);
        var type = NewGrainType();
        var grain = NewGrain(type);
        var neighbour = NewGrain(type);
        await table.UpsertAsync(grain, "b", Now, null, Ct);
        await table.UpsertAsync(grain, "a", Now, null, Ct);
        await table.UpsertAsync(neighbour, "a", Now, null, Ct);

        var all = await table.ReadAllAsync(grain, Ct);

        Assert.Equal(["a", "b"], all.Select(entry => entry.Name));
        Assert.All(all, entry => Assert.Equal(grain, entry.GrainId));
    }

    [Fact]
    public async Task A_claim_returns_due_reminders_once_while_the_lease_holds()
    {
        var table = await CreateTableAsync(Ct);
        var type = NewGrainType();
        var due = await RegisterAsync(table, type, Now.AddMinutes(-3), Now.AddMinutes(-1), Now);
        var notYetDue = await RegisterAsync(table, type, Now.AddSeconds(1));

        var claimed = await table.ClaimDueAsync("silo-a", Now, Now, Now + Lease, 100, Ct);
        var again = await table.ClaimDueAsync("silo-b", Now.AddSeconds(30), Now.AddSeconds(30), Now.AddSeconds(30) + Lease, 100, Ct);
        var atLeaseEnd = await table.ClaimDueAsync("silo-b", Now + Lease, Now + Lease, Now + Lease + Lease, 100, Ct);

        Assert.Equal(due, claimed);
        Assert.Equal(notYetDue, again);
        Assert.Empty(atLeaseEnd);
    }

    [Fact]
    public async Task An_expired_lease_lets_another_silo_claim_the_reminders_again()
    {
        var table = await CreateTableAsync(Ct);
        var type = NewGrainType();
        var due = await RegisterAsync(table, type, Now.AddMinutes(-2), Now.AddMinutes(-1));
        await table.ClaimDueAsync("silo-a", Now, Now, Now + Lease, 100, Ct);

        var later = Now + Lease + TimeSpan.FromMilliseconds(1);
        var reclaimed = await table.ClaimDueAsync("silo-b", later, Now, later + Lease, 100, Ct);

        Assert.Equal(due, reclaimed);
    }

    [Fact]
    public async Task A_claim_takes_at_most_max_count_and_the_most_overdue_first()
    {
        var table = await CreateTableAsync(Ct);
        var type = NewGrainType();
        var due = await RegisterAsync(table, type, Now.AddMinutes(-1), Now.AddMinutes(-5), Now.AddMinutes(-3), Now.AddMinutes(-4));

        var first = await table.ClaimDueAsync("silo-a", Now, Now, Now + Lease, 2, Ct);
        var second = await table.ClaimDueAsync("silo-a", Now, Now, Now + Lease, 2, Ct);

        Assert.Equal([due[1], due[3]], first);
        Assert.Equal([due[2], due[0]], second);
    }

    [Fact]
    public async Task Concurrent_claimers_never_receive_the_same_reminder()
    {
        const int reminders = 200;
        const int claimers = 8;
        var table = await CreateTableAsync(Ct);
        var type = NewGrainType();
        var registered = new List<ReminderEntry>();
        for (var i = 0; i < reminders; i++)
        {
            registered.Add(await table.UpsertAsync(NewGrain(type), Tick, Now.AddMilliseconds(-i), null, Ct));
        }

        using var start = new SemaphoreSlim(0, claimers);
        var claims = Enumerable.Range(0, claimers).Select(claimer => Task.Run(
            async () =>
            {
                await start.WaitAsync(Ct);
                return await table.ClaimDueAsync($"silo-{claimer}", Now, Now, Now + Lease, 50, Ct);
            },
            Ct)).ToArray();
        start.Release(claimers);
        var results = await Task.WhenAll(claims).WaitAsync(TimeSpan.FromSeconds(60), Ct);

        // 8 x 50 slots for 200 rows: every row is claimed, and by exactly one claimer.
        var all = results.SelectMany(result => result).ToList();
        Assert.Equal(reminders, all.Count);
        Assert.Equal(
            registered.Select(entry => entry.GrainId.ToString()).Order(StringComparer.Ordinal),
            all.Select(entry => entry.GrainId.ToString()).Order(StringComparer.Ordinal));
        Assert.Empty(await table.ClaimDueAsync("silo-late", Now, Now, Now + Lease, 1000, Ct));
    }

    [Fact]
    public async Task Completing_a_one_shot_reminder_deletes_it()
    {
        var table = await CreateTableAsync(Ct);
        var grain = NewGrain(NewGrainType());
        await table.UpsertAsync(grain, Tick, Now.AddMinutes(-1), null, Ct);
        var claimed = Assert.Single(await table.ClaimDueAsync("silo-a", Now, Now, Now + Lease, 10, Ct));

        await table.CompleteAsync(claimed, null, Ct);

        Assert.Null(await table.ReadAsync(grain, Tick, Ct));
    }

    [Fact]
    public async Task Completing_a_periodic_reminder_moves_its_due_time_and_clears_the_claim()
    {
        var table = await CreateTableAsync(Ct);
        var grain = NewGrain(NewGrainType());
        await table.UpsertAsync(grain, Tick, Now.AddMinutes(-1), TimeSpan.FromMinutes(10), Ct);
        var claimed = Assert.Single(await table.ClaimDueAsync("silo-a", Now, Now, Now.AddHours(1), 10, Ct));

        await table.CompleteAsync(claimed, Now.AddMinutes(9), Ct);

        Assert.Equal(claimed with { DueAt = Now.AddMinutes(9) }, await table.ReadAsync(grain, Tick, Ct));
        Assert.Empty(await table.ClaimDueAsync("silo-b", Now.AddMinutes(8), Now.AddMinutes(8), Now.AddHours(2), 10, Ct));

        // Still inside silo-a's old lease: only a cleared claim makes the next tick claimable.
        var next = Assert.Single(await table.ClaimDueAsync("silo-b", Now.AddMinutes(9), Now.AddMinutes(9), Now.AddHours(2), 10, Ct));
        Assert.Equal(Now.AddMinutes(9), next.DueAt);
    }

    [Fact]
    public async Task Completing_with_a_stale_generation_changes_nothing()
    {
        var table = await CreateTableAsync(Ct);
        var grain = NewGrain(NewGrainType());
        await table.UpsertAsync(grain, Tick, Now.AddMinutes(-1), TimeSpan.FromMinutes(5), Ct);
        var stale = Assert.Single(await table.ClaimDueAsync("silo-a", Now, Now, Now + Lease, 10, Ct));
        var current = await table.UpsertAsync(grain, Tick, Now.AddHours(1), TimeSpan.FromMinutes(7), Ct);

        await table.CompleteAsync(stale, null, Ct);
        await table.CompleteAsync(stale, Now.AddMinutes(4), Ct);
        await table.RetryLaterAsync(stale, Now.AddMinutes(2), Ct);

        Assert.Equal(2, current.Generation);
        Assert.Equal(current, await table.ReadAsync(grain, Tick, Ct));
    }

    [Fact]
    public async Task Retry_later_increments_attempts_moves_the_due_time_and_clears_the_claim()
    {
        var table = await CreateTableAsync(Ct);
        var grain = NewGrain(NewGrainType());
        await table.UpsertAsync(grain, Tick, Now.AddMinutes(-1), null, Ct);
        var firstClaim = Assert.Single(await table.ClaimDueAsync("silo-a", Now, Now, Now.AddHours(1), 10, Ct));

        await table.RetryLaterAsync(firstClaim, Now.AddSeconds(30), Ct);
        var secondClaim = Assert.Single(await table.ClaimDueAsync("silo-b", Now.AddSeconds(30), Now.AddSeconds(30), Now.AddHours(1), 10, Ct));
        await table.RetryLaterAsync(secondClaim, Now.AddSeconds(90), Ct);

        Assert.Equal(0, firstClaim.Attempts);
        Assert.Equal(firstClaim with { DueAt = Now.AddSeconds(30), Attempts = 1 }, secondClaim);
        Assert.Equal(firstClaim with { DueAt = Now.AddSeconds(90), Attempts = 2 }, await table.ReadAsync(grain, Tick, Ct));
    }

    [Fact]
    public async Task Registering_again_resets_attempts_and_clears_the_claim()
    {
        var table = await CreateTableAsync(Ct);
        var grain = NewGrain(NewGrainType());
        await table.UpsertAsync(grain, Tick, Now.AddMinutes(-1), null, Ct);
        var claimed = Assert.Single(await table.ClaimDueAsync("silo-a", Now, Now, Now.AddHours(1), 10, Ct));
        await table.RetryLaterAsync(claimed, Now.AddMinutes(-1), Ct);
        Assert.Single(await table.ClaimDueAsync("silo-a", Now, Now, Now.AddHours(1), 10, Ct));

        var registered = await table.UpsertAsync(grain, Tick, Now.AddMinutes(-1), null, Ct);
        var reclaimed = Assert.Single(await table.ClaimDueAsync("silo-b", Now, Now, Now.AddHours(1), 10, Ct));

        Assert.Equal(new ReminderEntry(grain, Tick, Now.AddMinutes(-1), null, 2, 0), registered);
        Assert.Equal(registered, reclaimed);
    }

    [Fact]
    public async Task Releasing_claims_frees_only_that_silos_claims()
    {
        var table = await CreateTableAsync(Ct);
        var type = NewGrainType();
        var due = await RegisterAsync(table, type, Now.AddMinutes(-2), Now.AddMinutes(-1));
        var heldByA = Assert.Single(await table.ClaimDueAsync("silo-a", Now, Now, Now.AddHours(1), 1, Ct));
        var heldByB = Assert.Single(await table.ClaimDueAsync("silo-b", Now, Now, Now.AddHours(1), 1, Ct));

        await table.ReleaseClaimsAsync("silo-a", Ct);
        var freed = await table.ClaimDueAsync("silo-c", Now, Now, Now.AddHours(1), 10, Ct);

        Assert.Equal(due[0], heldByA);
        Assert.Equal(due[1], heldByB);
        Assert.Equal([due[0]], freed);
    }

    private static string NewGrainType() => $"reminder-test-{Guid.NewGuid():N}";

    private static GrainId NewGrain(string type) => GrainId.Create(type, Guid.NewGuid());

    // Registers one one-shot reminder per due time, each on a fresh grain of the type, in the given order.
    private static async Task<List<ReminderEntry>> RegisterAsync(IReminderTable table, string type, params DateTimeOffset[] dueTimes)
    {
        var entries = new List<ReminderEntry>();
        foreach (var dueAt in dueTimes)
        {
            entries.Add(await table.UpsertAsync(NewGrain(type), Tick, dueAt, null, Ct));
        }

        return entries;
    }}
