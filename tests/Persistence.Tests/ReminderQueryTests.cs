using static GrainMarket.Persistence.Tests.QueryParameter;

namespace GrainMarket.Persistence.Tests;

/// <summary>The reminder queries on their own, with the parameters the AdoNet reminder table binds.</summary>
public sealed class ReminderQueryTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly DateTime Start = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_reminder_is_at_version_0_and_each_re_registration_moves_it_on()
    {
        var service = NewServiceId();

        Assert.Equal(0, await UpsertAsync(service, "grain/a", "tick", hash: 1, period: 60_000));
        Assert.Equal(1, await UpsertAsync(service, "grain/a", "tick", hash: 1, period: 120_000));

        var row = Assert.Single(await fixture.Queries.ReadAsync("ReadReminderRowKey", Ct,
            Text("ServiceId", service), Text("GrainId", "grain/a"), Text("ReminderName", "tick")));
        Assert.Equal(("grain/a", "tick", Start, 120_000L, 1), Describe(row));
    }

    [Fact]
    public async Task A_period_beyond_int_range_is_stored_whole()
    {
        var service = NewServiceId();
        var period = (long)int.MaxValue + 1;

        Assert.Equal(0, await UpsertAsync(service, "grain/a", "tick", hash: 1, period: period));

        var row = Assert.Single(await fixture.Queries.ReadAsync("ReadReminderRowsKey", Ct, Text("ServiceId", service), Text("GrainId", "grain/a")));
        Assert.Equal(period, row["Period"]);
    }

    [Fact]
    public async Task A_reminder_is_deleted_only_at_the_version_the_caller_holds()
    {
        var service = NewServiceId();
        Assert.Equal(0, await UpsertAsync(service, "grain/a", "tick", hash: 1, period: 60_000));
        Assert.Equal(1, await UpsertAsync(service, "grain/a", "tick", hash: 1, period: 60_000));

        Assert.Equal(0, await DeleteAsync(service, "grain/a", "tick", version: 0));
        Assert.Equal(1, await DeleteAsync(service, "grain/a", "tick", version: 1));

        Assert.Empty(await fixture.Queries.ReadAsync("ReadReminderRowsKey", Ct, Text("ServiceId", service), Text("GrainId", "grain/a")));
    }

    [Fact]
    public async Task Reading_a_grain_s_reminders_returns_that_grain_s_rows_only()
    {
        var service = NewServiceId();
        Assert.Equal(0, await UpsertAsync(service, "grain/a", "one", hash: 1, period: 60_000));
        Assert.Equal(0, await UpsertAsync(service, "grain/a", "two", hash: 1, period: 60_000));
        Assert.Equal(0, await UpsertAsync(service, "grain/b", "one", hash: 2, period: 60_000));

        var rows = await fixture.Queries.ReadAsync("ReadReminderRowsKey", Ct, Text("ServiceId", service), Text("GrainId", "grain/a"));

        Assert.Equal(["one", "two"], rows.Select(row => (string)row["ReminderName"]!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_hash_range_holds_hashes_above_its_begin_up_to_and_including_its_end_and_may_wrap_around()
    {
        var service = NewServiceId();
        foreach (var hash in new[] { int.MinValue, -100, 0, 100, 200, int.MaxValue })
        {
            Assert.Equal(0, await UpsertAsync(service, $"grain/{hash}", "tick", hash, period: 60_000));
        }

        Assert.Equal([100], await ReadRangeAsync("ReadRangeRows1Key", service, begin: 0, end: 100));
        Assert.Equal([int.MinValue, -100, 200, int.MaxValue], await ReadRangeAsync("ReadRangeRows2Key", service, begin: 100, end: -100));
    }

    [Fact]
    public async Task Deleting_a_service_s_reminders_leaves_other_services_alone()
    {
        var service = NewServiceId();
        var other = NewServiceId();
        Assert.Equal(0, await UpsertAsync(service, "grain/a", "tick", hash: 1, period: 60_000));
        Assert.Equal(0, await UpsertAsync(other, "grain/a", "tick", hash: 1, period: 60_000));

        await fixture.Queries.ExecuteAsync("DeleteReminderRowsKey", Ct, Text("ServiceId", service));

        Assert.Empty(await fixture.Queries.ReadAsync("ReadReminderRowsKey", Ct, Text("ServiceId", service), Text("GrainId", "grain/a")));
        Assert.Single(await fixture.Queries.ReadAsync("ReadReminderRowsKey", Ct, Text("ServiceId", other), Text("GrainId", "grain/a")));
    }

    private static string NewServiceId() => $"service-{Guid.NewGuid():N}";

    // Orleans binds a period that fits an int as an int, a longer one as a long.
    private async Task<object?> UpsertAsync(string service, string grainId, string name, int hash, long period) =>
        await fixture.Queries.ReadSingleValueAsync("UpsertReminderRowKey", Ct,
            Text("ServiceId", service),
            Number("GrainHash", hash),
            Text("GrainId", grainId),
            Text("ReminderName", name),
            Time("StartTime", Start),
            period <= int.MaxValue ? Number("Period", (int)period) : BigNumber("Period", period));

    private async Task<object?> DeleteAsync(string service, string grainId, string name, int version) =>
        await fixture.Queries.ReadSingleValueAsync("DeleteReminderRowKey", Ct,
            Text("ServiceId", service), Text("GrainId", grainId), Text("ReminderName", name), Number("Version", version));

    private async Task<List<int>> ReadRangeAsync(string key, string service, int begin, int end)
    {
        var rows = await fixture.Queries.ReadAsync(key, Ct, Text("ServiceId", service), Number("BeginHash", begin), Number("EndHash", end));
        return rows.Select(row => int.Parse(((string)row["GrainId"]!)["grain/".Length..], System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
    }

    private static (string GrainId, string Name, DateTime StartTime, long Period, int Version) Describe(Dictionary<string, object?> row) =>
        ((string)row["GrainId"]!, (string)row["ReminderName"]!, (DateTime)row["StartTime"]!, (long)row["Period"]!, (int)row["Version"]!);
}
