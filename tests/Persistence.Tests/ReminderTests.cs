using GrainMarket.Persistence.Tests.Grains;
using Npgsql;

namespace GrainMarket.Persistence.Tests;

[Collection(ClusterCollection.Name)]
public sealed class ReminderTests(ClusterFixture fixture)
{
    private static readonly TimeSpan FireTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_reminder_fires_and_once_unregistered_its_row_is_gone()
    {
        var grain = fixture.Client.GetGrain<IReminderProbeGrain>($"probe-{Guid.NewGuid():N}");
        var grainId = grain.GetGrainId().ToString();

        await grain.StartAsync("tick", TestSiloConfiguration.MinimumReminderPeriod);
        Assert.Equal(1, await CountRowsAsync(grainId, "tick"));

        await WaitForFirstTickAsync(grain, grainId);
        await grain.StopAsync("tick");

        Assert.Equal(0, await CountRowsAsync(grainId, "tick"));
    }

    private static async Task WaitForFirstTickAsync(IReminderProbeGrain grain, string grainId)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(FireTimeout);
        try
        {
            while (await grain.GetTickCountAsync() == 0)
            {
                await Task.Delay(PollInterval, timeout.Token);
            }
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
            Assert.Fail($"Reminder 'tick' of {grainId} did not fire within {FireTimeout.TotalSeconds} s (period {TestSiloConfiguration.MinimumReminderPeriod.TotalSeconds} s); expected at least one tick, saw 0.");
        }
    }

    private async Task<long> CountRowsAsync(string grainId, string reminderName)
    {
        await using var command = fixture.Database.DataSource.CreateCommand(
            "SELECT count(*) FROM OrleansRemindersTable WHERE ServiceId = @service AND GrainId = @grain AND ReminderName = @name");
        command.Parameters.Add(new NpgsqlParameter<string>("service", fixture.ServiceId));
        command.Parameters.Add(new NpgsqlParameter<string>("grain", grainId));
        command.Parameters.Add(new NpgsqlParameter<string>("name", reminderName));
        return (long)(await command.ExecuteScalarAsync(Ct) ?? 0L);
    }
}
