using static GrainMarket.Persistence.Tests.QueryParameter;

namespace GrainMarket.Persistence.Tests;

/// <summary>
/// The clustering queries on their own, with the parameters the AdoNet membership table binds. Every change to a
/// member's row is a compare-and-swap on the cluster's version row: at a stale version nothing changes.
/// </summary>
public sealed class MembershipQueryTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private const int Joining = 2;
    private const int Active = 3;
    private const int Dead = 6;

    private static readonly DateTime Started = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_version_row_of_a_cluster_is_created_once()
    {
        var cluster = NewClusterId();

        Assert.Equal(1, await fixture.Queries.ReadSingleValueAsync("InsertMembershipVersionKey", Ct, Text("DeploymentId", cluster)));
        Assert.Equal(0, await fixture.Queries.ReadSingleValueAsync("InsertMembershipVersionKey", Ct, Text("DeploymentId", cluster)));
        Assert.Equal(0, await ReadVersionAsync(cluster));
    }

    [Fact]
    public async Task A_silo_joins_only_at_the_version_it_read_and_each_join_moves_the_version_on()
    {
        var cluster = await NewClusterAsync();
        var first = new Silo("10.0.0.1", 11111, 1);
        var second = new Silo("10.0.0.2", 11111, 1);

        Assert.Equal(1, await InsertAsync(cluster, first, version: 0));
        Assert.Equal(0, await InsertAsync(cluster, second, version: 0));
        Assert.Equal(1, await InsertAsync(cluster, second, version: 1));

        Assert.Equal(2, await ReadVersionAsync(cluster));
        Assert.Equal([first, second], (await ReadMembersAsync(cluster)).Select(member => member.Silo).Order());
    }

    [Fact]
    public async Task Inserting_a_silo_that_already_has_a_row_is_refused_without_moving_the_version()
    {
        var cluster = await NewClusterAsync();
        var silo = new Silo("10.0.0.1", 11111, 1);
        Assert.Equal(1, await InsertAsync(cluster, silo, version: 0));

        Assert.Equal(0, await InsertAsync(cluster, silo, version: 1));

        Assert.Equal(1, await ReadVersionAsync(cluster));
    }

    [Fact]
    public async Task A_status_change_at_a_stale_version_is_refused_and_changes_nothing()
    {
        var cluster = await NewClusterAsync();
        var silo = new Silo("10.0.0.1", 11111, 1);
        Assert.Equal(1, await InsertAsync(cluster, silo, version: 0));

        Assert.Equal(0, await UpdateAsync(cluster, silo, Active, suspectTimes: "x", version: 0));
        Assert.Equal((Joining, (string?)null), await ReadStatusAsync(cluster, silo));
        Assert.Equal(1, await ReadVersionAsync(cluster));

        Assert.Equal(1, await UpdateAsync(cluster, silo, Active, suspectTimes: "x", version: 1));
        Assert.Equal((Active, "x"), await ReadStatusAsync(cluster, silo));
        Assert.Equal(2, await ReadVersionAsync(cluster));
    }

    [Fact]
    public async Task Changing_a_silo_that_has_no_row_is_refused_without_moving_the_version()
    {
        var cluster = await NewClusterAsync();

        Assert.Equal(0, await UpdateAsync(cluster, new Silo("10.0.0.9", 11111, 1), Active, suspectTimes: null, version: 0));

        Assert.Equal(0, await ReadVersionAsync(cluster));
    }

    [Fact]
    public async Task Reading_one_silo_returns_the_table_version_even_when_the_silo_has_no_row()
    {
        var cluster = await NewClusterAsync();
        var silo = new Silo("10.0.0.1", 11111, 1);
        Assert.Equal(1, await InsertAsync(cluster, silo, version: 0));

        var found = Assert.Single(await ReadRowAsync(cluster, silo));
        var missing = Assert.Single(await ReadRowAsync(cluster, silo with { Generation = 2 }));

        Assert.Equal(1, found["Version"]);
        Assert.Equal(Started, found["StartTime"]);
        Assert.Equal("silo-10.0.0.1", found["SiloName"]);
        Assert.Equal(1, missing["Version"]);
        Assert.Null(missing["StartTime"]);
    }

    [Fact]
    public async Task A_heartbeat_moves_i_am_alive_time_and_not_the_version()
    {
        var cluster = await NewClusterAsync();
        var silo = new Silo("10.0.0.1", 11111, 1);
        Assert.Equal(1, await InsertAsync(cluster, silo, version: 0));
        var later = Started.AddMinutes(5);

        await fixture.Queries.ExecuteAsync("UpdateIAmAlivetimeKey", Ct, [.. Key(cluster, silo), Time("IAmAliveTime", later)]);

        Assert.Equal(later, Assert.Single(await ReadMembersAsync(cluster)).IAmAliveTime);
        Assert.Equal(1, await ReadVersionAsync(cluster));
    }

    [Fact]
    public async Task Gateways_are_the_active_members_that_listen_for_clients()
    {
        var cluster = await NewClusterAsync();
        var gateway = new Silo("10.0.0.1", 11111, 1);
        var joining = new Silo("10.0.0.2", 11111, 1);
        var noGateway = new Silo("10.0.0.3", 11111, 1);
        Assert.Equal(1, await InsertAsync(cluster, gateway, version: 0, status: Active));
        Assert.Equal(1, await InsertAsync(cluster, joining, version: 1, status: Joining));
        Assert.Equal(1, await InsertAsync(cluster, noGateway, version: 2, status: Active, proxyPort: 0));

        var rows = await fixture.Queries.ReadAsync("GatewaysQueryKey", Ct, Text("DeploymentId", cluster), Number("Status", Active));

        var row = Assert.Single(rows);
        Assert.Equal(("10.0.0.1", 30000, 1), ((string)row["Address"]!, (int)row["ProxyPort"]!, (int)row["Generation"]!));
    }

    [Fact]
    public async Task Cleanup_removes_only_members_that_are_not_active_and_silent_since_the_cutoff()
    {
        var cluster = await NewClusterAsync();
        var deadAndSilent = new Silo("10.0.0.1", 11111, 1);
        var activeAndSilent = new Silo("10.0.0.2", 11111, 1);
        var deadButRecent = new Silo("10.0.0.3", 11111, 1);
        Assert.Equal(1, await InsertAsync(cluster, deadAndSilent, version: 0, status: Dead));
        Assert.Equal(1, await InsertAsync(cluster, activeAndSilent, version: 1, status: Active));
        Assert.Equal(1, await InsertAsync(cluster, deadButRecent, version: 2, status: Dead, iAmAlive: Started.AddDays(8)));

        await fixture.Queries.ExecuteAsync("CleanupDefunctSiloEntriesKey", Ct, Text("DeploymentId", cluster), Time("IAmAliveTime", Started.AddDays(7)));

        Assert.Equal([activeAndSilent, deadButRecent], (await ReadMembersAsync(cluster)).Select(member => member.Silo).Order());
        Assert.Equal(3, await ReadVersionAsync(cluster));
    }

    [Fact]
    public async Task Deleting_a_cluster_removes_its_version_row_and_its_members_and_no_other_cluster()
    {
        var cluster = await NewClusterAsync();
        var other = await NewClusterAsync();
        Assert.Equal(1, await InsertAsync(cluster, new Silo("10.0.0.1", 11111, 1), version: 0));
        Assert.Equal(1, await InsertAsync(other, new Silo("10.0.0.1", 11111, 1), version: 0));

        await fixture.Queries.ExecuteAsync("DeleteMembershipTableEntriesKey", Ct, Text("DeploymentId", cluster));

        Assert.Empty(await fixture.Queries.ReadAsync("MembershipReadAllKey", Ct, Text("DeploymentId", cluster)));
        Assert.Single(await ReadMembersAsync(other));
    }

    private static string NewClusterId() => $"cluster-{Guid.NewGuid():N}";

    private async Task<string> NewClusterAsync()
    {
        var cluster = NewClusterId();
        Assert.Equal(1, await fixture.Queries.ReadSingleValueAsync("InsertMembershipVersionKey", Ct, Text("DeploymentId", cluster)));
        return cluster;
    }

    private static QueryParameter[] Key(string cluster, Silo silo) =>
        [Text("DeploymentId", cluster), Text("Address", silo.Address), Number("Port", silo.Port), Number("Generation", silo.Generation)];

    private async Task<object?> InsertAsync(string cluster, Silo silo, int version, int status = Joining, int proxyPort = 30000, DateTime? iAmAlive = null) =>
        await fixture.Queries.ReadSingleValueAsync("InsertMembershipKey", Ct,
        [
            .. Key(cluster, silo),
            Text("SiloName", $"silo-{silo.Address}"),
            Text("HostName", "host"),
            Number("Status", status),
            Number("ProxyPort", proxyPort),
            Time("StartTime", Started),
            Time("IAmAliveTime", iAmAlive ?? Started),
            Number("Version", version),
        ]);

    private async Task<object?> UpdateAsync(string cluster, Silo silo, int status, string? suspectTimes, int version) =>
        await fixture.Queries.ReadSingleValueAsync("UpdateMembershipKey", Ct,
        [
            .. Key(cluster, silo),
            Number("Status", status),
            Text("SuspectTimes", suspectTimes),
            Time("IAmAliveTime", Started),
            Number("Version", version),
        ]);

    private Task<List<Dictionary<string, object?>>> ReadRowAsync(string cluster, Silo silo) =>
        fixture.Queries.ReadAsync("MembershipReadRowKey", Ct, Key(cluster, silo));

    private async Task<int> ReadVersionAsync(string cluster)
    {
        var rows = await fixture.Queries.ReadAsync("MembershipReadAllKey", Ct, Text("DeploymentId", cluster));
        return (int)rows.Select(row => row["Version"]).Distinct().Single()!;
    }

    private async Task<List<Member>> ReadMembersAsync(string cluster)
    {
        var rows = await fixture.Queries.ReadAsync("MembershipReadAllKey", Ct, Text("DeploymentId", cluster));
        return rows
            .Where(row => row["StartTime"] is not null)
            .Select(row => new Member(
                new Silo((string)row["Address"]!, (int)row["Port"]!, (int)row["Generation"]!),
                (int)row["Status"]!,
                (string?)row["SuspectTimes"],
                (DateTime)row["IAmAliveTime"]!))
            .ToList();
    }

    private async Task<(int Status, string? SuspectTimes)> ReadStatusAsync(string cluster, Silo silo)
    {
        var member = Assert.Single(await ReadMembersAsync(cluster), member => member.Silo == silo);
        return (member.Status, member.SuspectTimes);
    }

    private sealed record Silo(string Address, int Port, int Generation) : IComparable<Silo>
    {
        public int CompareTo(Silo? other) => string.CompareOrdinal(ToString(), other?.ToString());
    }

    private sealed record Member(Silo Silo, int Status, string? SuspectTimes, DateTime IAmAliveTime);
}
