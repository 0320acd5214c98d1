using GrainMarket.Persistence.Tests.Grains;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Serialization;

namespace GrainMarket.Persistence.Tests;

[Collection(ClusterCollection.Name)]
public sealed class GrainStorageTests(ClusterFixture fixture)
{
    private static readonly TimeSpan DeactivationTimeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_persistent_grain_state_survives_deactivation()
    {
        var grain = fixture.Client.GetGrain<ICounterGrain>($"counter-{Guid.NewGuid():N}");
        Assert.Equal(5, await grain.AddAsync(5));
        Assert.Equal(7, await grain.AddAsync(2));
        var firstActivation = await grain.GetActivationIdAsync();

        await DeactivateAsync(grain);

        Assert.NotEqual(firstActivation, await grain.GetActivationIdAsync());
        Assert.Equal(7, await grain.GetAsync());
    }

    [Fact]
    public async Task A_cleared_state_stays_cleared_after_deactivation_and_can_be_written_again()
    {
        var key = $"counter-{Guid.NewGuid():N}";
        var grain = fixture.Client.GetGrain<ICounterGrain>(key);
        Assert.Equal(3, await grain.AddAsync(3));

        await grain.ClearAsync();
        Assert.Equal(0, await grain.GetAsync());
        await DeactivateAsync(grain);

        Assert.Equal(0, await grain.GetAsync());
        Assert.Equal(2, await grain.AddAsync(2));

        // Written, cleared (the row stays, without a payload), written again: one row at version 3.
        Assert.Equal(3, Assert.Single(await ReadRowsAsync(key)).Version);
    }

    [Fact]
    public async Task Grain_state_is_stored_in_orleans_binary_format_not_json()
    {
        var key = $"counter-{Guid.NewGuid():N}";
        await fixture.Client.GetGrain<ICounterGrain>(key).AddAsync(3);
        await fixture.Client.GetGrain<ICounterGrain>(key).AddAsync(4);

        var rows = await ReadRowsAsync(key);

        var (payload, version) = Assert.Single(rows);
        Assert.Equal(2, version);
        Assert.NotNull(payload);
        Assert.NotEmpty(payload);
        Assert.NotEqual((byte)'{', payload[0]);
        var serializer = fixture.Client.ServiceProvider.GetRequiredService<Serializer>();
        var state = serializer.Deserialize<CounterState>(payload);
        Assert.NotNull(state);
        Assert.Equal(7, state.Value);
    }

    private async Task DeactivateAsync(ICounterGrain grain)
    {
        // Taken before the request, so a deactivation that finishes first is not missed.
        var deactivated = fixture.Cluster.WaitForDeactivationAsync(grain.GetGrainId());
        await grain.RequestDeactivationAsync();
        await deactivated.WaitAsync(DeactivationTimeout, Ct);
    }

    // A string-keyed grain's key is stored whole in GrainIdExtensionString (N0 and N1 are 0).
    private async Task<List<(byte[]? Payload, int Version)>> ReadRowsAsync(string key)
    {
        await using var command = fixture.Database.DataSource.CreateCommand(
            "SELECT PayloadBinary, Version FROM OrleansStorage WHERE ServiceId = @service AND GrainIdExtensionString = @key");
        command.Parameters.Add(new NpgsqlParameter<string>("service", fixture.ServiceId));
        command.Parameters.Add(new NpgsqlParameter<string>("key", key));
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var rows = new List<(byte[]?, int)>();
        while (await reader.ReadAsync(Ct))
        {
            rows.Add((reader.IsDBNull(0) ? null : reader.GetFieldValue<byte[]>(0), reader.GetInt32(1)));
        }

        return rows;
    }
}
