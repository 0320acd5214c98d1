using GrainMarket.Runtime.Tests.Grains;
using GrainMarket.Runtime.Tests.Support;

namespace GrainMarket.Runtime.Tests.Persistence;

/// <summary>Grain state in the test PostgreSQL, across silo restarts and duplicate activations.</summary>
public sealed class PersistentStateTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task State_written_before_a_silo_stops_is_there_when_a_new_silo_starts()
    {
        var key = Guid.NewGuid().ToString("N");
        await using (var first = await TestSilo.StartAsync(postgres: true, cancellationToken: Ct))
        {
            var account = first.GrainFactory.GetGrain<IAccountGrain>(key);
            await account.DepositAsync(700, "topup-1");
            await account.DepositAsync(-200, "payment-1");
        }

        await using var second = await TestSilo.StartAsync(postgres: true, cancellationToken: Ct);
        var state = await second.GrainFactory.GetGrain<IAccountGrain>(key).GetAsync();

        Assert.Equal(500, state.Balance);
        Assert.Equal(["topup-1", "payment-1"], state.Entries);
    }

    [Fact]
    public async Task Of_two_activations_writing_the_same_grain_exactly_one_wins_and_the_loser_is_deactivated()
    {
        var key = Guid.NewGuid().ToString("N");
        await using var siloA = await TestSilo.StartAsync(postgres: true, cancellationToken: Ct);
        await using var siloB = await TestSilo.StartAsync(postgres: true, cancellationToken: Ct);
        var onA = siloA.GrainFactory.GetGrain<IAccountGrain>(key);
        var onB = siloB.GrainFactory.GetGrain<IAccountGrain>(key);

        // Both activations read "no record" before either writes.
        Assert.Null(await onA.GetEtagAsync());
        Assert.Null(await onB.GetEtagAsync());

        var results = await Task.WhenAll(Attempt(onA, "a"), Attempt(onB, "b"));

        Assert.Equal(1, results.Count(r => r));
        var winner = results[0] ? "a" : "b";
        var loser = results[0] ? onB : onA;

        // The loser was deactivated; its next call reloads the committed state instead of overwriting it.
        var reloaded = await loser.GetAsync();
        Assert.Equal(10, reloaded.Balance);
        Assert.Equal([winner], reloaded.Entries);
        Assert.Equal(20, await loser.DepositAsync(10, "retry"));

        // Now the first winner holds a stale version: its next write loses too, and then it catches up.
        var first = results[0] ? onA : onB;
        await Assert.ThrowsAsync<InconsistentStateException>(() => first.DepositAsync(1, "stale"));
        var converged = await first.GetAsync();
        Assert.Equal(20, converged.Balance);
        Assert.Equal([winner, "retry"], converged.Entries);
    }

    [Fact]
    public async Task Cleared_state_reads_as_absent_after_a_restart()
    {
        var key = Guid.NewGuid().ToString("N");
        await using (var first = await TestSilo.StartAsync(postgres: true, cancellationToken: Ct))
        {
            var account = first.GrainFactory.GetGrain<IAccountGrain>(key);
            await account.DepositAsync(5, "x");
            await account.ClearAsync();
        }

        await using var second = await TestSilo.StartAsync(postgres: true, cancellationToken: Ct);
        var state = await second.GrainFactory.GetGrain<IAccountGrain>(key).GetAsync();

        Assert.Equal(0, state.Balance);
        Assert.Empty(state.Entries);
    }

    private static async Task<bool> Attempt(IAccountGrain account, string entry)
    {
        try
        {
            await account.DepositAsync(10, entry);
            return true;
        }
        catch (InconsistentStateException)
        {
            return false;
        }
    }
}
