using Npgsql;

namespace GrainMarket.Persistence.Tests;

[Collection(ClusterCollection.Name)]
public sealed class MembershipTests(ClusterFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Both_silos_join_through_the_ado_net_membership_table_as_active_members()
    {
        var expected = fixture.Cluster.GetActiveSilos()
            .Select(silo => silo.SiloAddress)
            .Select(address => (address.Endpoint.Address.ToString(), address.Endpoint.Port, address.Generation, 3))
            .Order()
            .ToList();

        var rows = new List<(string Address, int Port, int Generation, int Status)>();
        await using (var command = fixture.Database.DataSource.CreateCommand(
            "SELECT Address, Port, Generation, Status FROM OrleansMembershipTable WHERE DeploymentId = @cluster"))
        {
            command.Parameters.Add(new NpgsqlParameter<string>("cluster", fixture.ClusterId));
            await using var reader = await command.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct))
            {
                rows.Add((reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3)));
            }
        }

        Assert.Equal(2, expected.Count);
        Assert.Equal(expected, rows.Order().ToList());
    }

    [Fact]
    public async Task Every_join_moved_the_cluster_version_row_on()
    {
        await using var command = fixture.Database.DataSource.CreateCommand(
            "SELECT Version FROM OrleansMembershipVersionTable WHERE DeploymentId = @cluster");
        command.Parameters.Add(new NpgsqlParameter<string>("cluster", fixture.ClusterId));

        var version = await command.ExecuteScalarAsync(Ct);

        // Each silo inserts its row (Joining) and then marks itself Active, each a compare-and-swap on this row;
        // later suspicions or status changes may add more, never fewer.
        Assert.IsType<int>(version);
        Assert.True((int)version >= 4, $"The version row of {fixture.ClusterId} is at {version}; two joins take at least 4 changes.");
    }
}
