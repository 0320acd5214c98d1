using GrainMarket.ApiGateway.ReadModels;
using GrainMarket.Notifications;
using Npgsql;

namespace GrainMarket.ApiGateway.Streaming;

/// <summary>
/// The users' notification streams on this gateway: the rows of <c>notification_events</c> (a stream per user, written
/// with the inbox's state), notified on <see cref="NotificationEvents.Channel"/> with <c>&lt;user id&gt;:&lt;last sequence&gt;</c>.
/// </summary>
public sealed class NotificationEventFeed(ReadModelDatabase readModels, ILogger<NotificationEventFeed> logger) : EventFeed(readModels, logger)
{
    protected override string Channel => NotificationEvents.Channel;

    protected override string EventsSql => """
        SELECT sequence, type, data, at FROM notification_events
        WHERE user_id = $1 AND sequence > $2
        ORDER BY sequence
        LIMIT $3
        """;

    /// <summary>The sequence of the user's newest streamed notification (0: none yet).</summary>
    public async Task<long> LastSequenceAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var command = ReadModels.DataSource.CreateCommand("SELECT coalesce(max(sequence), 0) FROM notification_events WHERE user_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
