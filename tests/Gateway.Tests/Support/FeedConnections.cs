using GrainMarket.Gateway.Tests.Auctions;
using Npgsql;

namespace GrainMarket.Gateway.Tests.Support;

/// <summary>Cutting a live-stream feed off its database, and waiting for it to notice, for the tests of what it delivers afterwards.</summary>
public static class FeedConnections
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Waits until <paramref name="condition"/> holds, at most <see cref="StreamWatcher.Patience"/>.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(StreamWatcher.Patience);
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    /// <summary>Ends the PostgreSQL backend <paramref name="backendProcessId"/> (a feed's listening connection).</summary>
    public static async Task TerminateAsync(int backendProcessId)
    {
        var dataSource = await TestDatabase.GetDataSourceAsync(Ct);
        await using var command = dataSource.CreateCommand("SELECT pg_terminate_backend($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = backendProcessId });
        Assert.True((bool)(await command.ExecuteScalarAsync(Ct))!);
    }
}
