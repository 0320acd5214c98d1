using System.Globalization;
using GrainMarket.Cluster.TestGrains;
using Npgsql;

namespace GrainMarket.Cluster.Tests;

/// <summary>A silo frozen past the failure-detection bound, calls from a silo declared dead, and a reminder whose silo was killed.</summary>
public sealed class FaultTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_silo_paused_until_declared_dead_stops_itself_when_resumed_and_never_writes_again()
    {
        await using var cluster = await TestCluster.StartAsync(silos: 3, Ct);
        var victim = cluster.Silos[1];
        var ticker = cluster.Client.GetGrain<ITickerGrain>($"ticker-{Guid.NewGuid():N}");
        await cluster.PlaceOnAsync(victim, ticker, async t => Assert.Equal(victim.Name, await t.StartAsync()), Ct);
        await Task.Delay(1000, Ct);
        Assert.True(await ReadVersionAsync(cluster, ticker) > 1, "the ticker did not write before the pause");

        victim.Pause();
        await cluster.WaitForActiveSilosAsync(2, TestCluster.DeathTimeout * 3, Ct);
        var versionWhenDeclaredDead = await ReadVersionAsync(cluster, ticker);
        victim.Resume();

        // Its timer fires again at once, but every write is fenced off; the cluster's verdict makes it stop itself.
        await victim.WaitForExitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.Equal(versionWhenDeclaredDead, await ReadVersionAsync(cluster, ticker));
    }

    [Fact]
    public async Task A_silo_refuses_the_calls_of_a_silo_the_cluster_declared_dead_and_they_change_nothing()
    {
        await using var cluster = await TestCluster.StartAsync(silos: 2, Ct);
        var (survivor, doomed) = (cluster.Silos[0], cluster.Silos[1]);
        var ledger = cluster.Client.GetGrain<ILedgerGrain>($"ledger-{Guid.NewGuid():N}");
        await cluster.PlaceOnAsync(survivor, ledger, async l => Assert.Equal(10, await l.AddAsync("first", 10)), Ct);

        // A grain on the doomed silo calls the survivor's ledger ten times a second, first while its silo counts in the cluster...
        var relay = cluster.Client.GetGrain<IRelayGrain>($"relay-{Guid.NewGuid():N}");
        await cluster.PlaceOnAsync(doomed, relay, async r => Assert.Equal(doomed.Name, await r.StartAsync(ledger.GetPrimaryKeyString())), Ct);
        await Task.Delay(1000, Ct);
        Assert.True((await ledger.GetAsync()).Total > 10, "the relay's calls did not reach the ledger while its silo was alive");

        // ...then, frozen until the cluster declares it dead, it resumes and calls again at once: refused before they
        // reach the grain, until it learns of the verdict and stops itself.
        doomed.Pause();
        await cluster.WaitForActiveSilosAsync(1, TestCluster.DeathTimeout * 4, Ct);
        var resumedAt = DateTimeOffset.UtcNow;
        doomed.Resume();
        await doomed.WaitForExitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.Contains("has been declared dead", doomed.ReadLog(), StringComparison.Ordinal);
        var applied = await ledger.GetAsync();
        Assert.DoesNotContain(applied.Applied, operation => operation.Contains('@', StringComparison.Ordinal) && IssuedAt(operation) >= resumedAt);
        Assert.Equal(applied.Total + 1, await ledger.AddAsync("probe", 1));
    }

    [Fact]
    public async Task A_reminder_registered_on_a_silo_that_is_killed_still_fires_once()
    {
        await using var cluster = await TestCluster.StartAsync(silos: 3, Ct);
        var victim = cluster.Silos[1];
        var alarm = cluster.Client.GetGrain<IAlarmGrain>($"alarm-{Guid.NewGuid():N}");
        await cluster.PlaceOnAsync(victim, alarm, async a => Assert.Equal(victim.Name, await a.ScheduleAsync("wake", TimeSpan.FromSeconds(3))), Ct);

        victim.Kill();

        // Orleans' reminder service moves the dead silo's share of the reminder table to the survivors once the silo is
        // declared dead; a tick missed meanwhile comes back one reminder period (1 minute) later, so the bound is 90 s.
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        limit.CancelAfter(TimeSpan.FromSeconds(90));
        AlarmView? state = null;
        while (state is null || state.Fired.IsEmpty)
        {
            await Task.Delay(250, limit.Token);
            try
            {
                state = await alarm.GetAsync();
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The grain's silo is gone until membership says so; the client gives up on some calls meanwhile.
            }
        }

        await Task.Delay(2000, Ct);
        Assert.Equal(["wake"], (await alarm.GetAsync()).Fired);
    }

    /// <summary>When the relay made the call whose operation id is <paramref name="operation"/> (<c>key@ticks</c>).</summary>
    private static DateTimeOffset IssuedAt(string operation) =>
        new(long.Parse(operation[(operation.IndexOf('@', StringComparison.Ordinal) + 1)..], CultureInfo.InvariantCulture), TimeSpan.Zero);

    /// <summary>The version of the ticker's row in GrainMarket's grain storage (+1 on every write); 0 before the first.</summary>
    private static async Task<long> ReadVersionAsync(TestCluster cluster, ITickerGrain ticker)
    {
        await using var command = cluster.Database.CreateCommand("SELECT version FROM orleans_grain_state WHERE grain_id = $1 AND state_name = 'ticker'");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ticker.GetGrainId().ToString() });
        return await command.ExecuteScalarAsync(Ct) is long version ? version : 0;
    }
}
