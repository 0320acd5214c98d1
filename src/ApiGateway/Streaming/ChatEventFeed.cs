using GrainMarket.ApiGateway.ReadModels;
using GrainMarket.Messaging;
using Npgsql;

namespace GrainMarket.ApiGateway.Streaming;

/// <summary>
/// The users' chat streams on this gateway: the rows of <c>chat_events</c> (one stream per user), notified on
/// <see cref="ChatEvents.Channel"/> by each commit of a conversation. Typing travels on the same channel without a row:
/// <c>&lt;user id&gt;:0:typing,&lt;conversation id&gt;,&lt;from user id&gt;</c>, which every gateway hands to that user's
/// sockets here (<see cref="WatchTyping"/>); a typing signal sent while the feed was not listening is lost, which is
/// harmless.
/// </summary>
public sealed class ChatEventFeed(ReadModelDatabase readModels, ILogger<ChatEventFeed> logger) : EventFeed(readModels, logger)
{
    private const string TypingDetail = "typing,";

    private readonly Lock _sync = new();
    private readonly Dictionary<Guid, List<Action<Guid, Guid>>> _typing = [];

    protected override string Channel => ChatEvents.Channel;

    protected override string EventsSql => """
        SELECT sequence, type, data::text, at FROM chat_events
        WHERE user_id = $1 AND sequence > $2
        ORDER BY sequence
        LIMIT $3
        """;

    /// <summary>
    /// Calls <paramref name="typing"/> with (conversation id, typing user id) each time the peer of a conversation of
    /// <paramref name="userId"/> types. Called on the feed's connection: it must only hand the signal on. Dispose to stop.
    /// </summary>
    public IDisposable WatchTyping(Guid userId, Action<Guid, Guid> typing)
    {
        lock (_sync)
        {
            if (!_typing.TryGetValue(userId, out var watchers))
            {
                watchers = [];
                _typing[userId] = watchers;
            }

            watchers.Add(typing);
        }

        return new TypingWatch(this, userId, typing);
    }

    /// <summary>Tells every gateway that <paramref name="from"/> is typing in <paramref name="conversationId"/>, for <paramref name="recipient"/>'s sockets.</summary>
    public async Task PublishTypingAsync(Guid recipient, Guid conversationId, Guid from, CancellationToken cancellationToken)
    {
        await using var command = ReadModels.DataSource.CreateCommand($"SELECT pg_notify('{ChatEvents.Channel}', $1)");
        command.Parameters.Add(new NpgsqlParameter { Value = $"{recipient:D}:0:{TypingDetail}{conversationId:D},{from:D}" });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The last sequence of <paramref name="userId"/>'s stream (0 before their first event).</summary>
    public Task<long> LastSequenceAsync(Guid userId, CancellationToken cancellationToken) => ChatQueries.StreamSequenceAsync(ReadModels.DataSource, userId, cancellationToken);

    protected override void OnDetail(Guid streamId, long sequence, ReadOnlySpan<char> detail)
    {
        if (!detail.StartsWith(TypingDetail, StringComparison.Ordinal))
        {
            return;
        }

        var rest = detail[TypingDetail.Length..];
        var comma = rest.IndexOf(',');
        if (comma < 0 || !Guid.TryParse(rest[..comma], out var conversationId) || !Guid.TryParse(rest[(comma + 1)..], out var from))
        {
            return;
        }

        Action<Guid, Guid>[] watchers;
        lock (_sync)
        {
            watchers = _typing.TryGetValue(streamId, out var list) ? [.. list] : [];
        }

        foreach (var typing in watchers)
        {
            typing(conversationId, from);
        }
    }

    private void Unwatch(Guid userId, Action<Guid, Guid> typing)
    {
        lock (_sync)
        {
            if (_typing.TryGetValue(userId, out var watchers) && watchers.Remove(typing) && watchers.Count == 0)
            {
                _typing.Remove(userId);
            }
        }
    }

    private sealed class TypingWatch(ChatEventFeed feed, Guid userId, Action<Guid, Guid> typing) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                feed.Unwatch(userId, typing);
            }
        }
    }
}
