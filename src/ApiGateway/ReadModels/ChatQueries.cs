using GrainMarket.ApiGateway.Apis.Chat;
using Npgsql;
using NpgsqlTypes;

namespace GrainMarket.ApiGateway.ReadModels;

/// <summary>The chat's lists over its read models: a user's conversations, a conversation's messages, the user directory, where a user's stream stands.</summary>
internal static class ChatQueries
{
    private const string ConversationsSql = """
        SELECT c.id, m.peer_id, c.product_id, c.order_id, c.last_sequence, m.last_read, p.last_read, c.last_message_at, c.created_at
        FROM conversation_members m
        JOIN conversations c ON c.id = m.conversation_id
        JOIN conversation_members p ON p.conversation_id = m.conversation_id AND p.user_id = m.peer_id
        WHERE m.user_id = $1 AND ($2::timestamptz IS NULL OR (coalesce(c.last_message_at, c.created_at), c.id) < ($2, $3))
        ORDER BY coalesce(c.last_message_at, c.created_at) DESC, c.id DESC
        LIMIT $4
        """;

    private const string MessagesSql = """
        SELECT sequence, sender_id, client_id, text, at FROM chat_messages
        WHERE conversation_id = $1 AND ($2::bigint IS NULL OR sequence < $2)
        ORDER BY sequence DESC
        LIMIT $3
        """;

    /// <summary>Active accounts whose display name starts with the prefix, neither blocking nor blocked by the caller, the caller left out.</summary>
    private const string SearchSql = """
        SELECT u.id, u.username, u.display_name FROM users u
        WHERE (lower(u.display_name) LIKE $1 || '%' ESCAPE '\' OR u.username LIKE $1 || '%' ESCAPE '\') AND NOT u.blocked AND u.id <> $2
          AND NOT EXISTS (SELECT 1 FROM user_blocks b WHERE (b.user_id = $2 AND b.blocked_id = u.id) OR (b.user_id = u.id AND b.blocked_id = $2))
          AND ($3::uuid IS NULL OR (lower(u.display_name), u.id) > (SELECT lower(display_name), id FROM users WHERE id = $3))
        ORDER BY lower(u.display_name), u.id
        LIMIT $4
        """;

    private const string UserNamedSql = "SELECT id FROM users WHERE username = lower($1) AND NOT blocked";

    private const string StreamSql = "SELECT last_sequence FROM chat_streams WHERE user_id = $1";

    /// <summary>
    /// The caller's conversations, the latest message first, <paramref name="limit"/> at a time after the one last active
    /// at <paramref name="afterTime"/> with id <paramref name="afterId"/>. The members table is also the contact list (see docs/chat.md).
    /// </summary>
    public static async Task<ConversationPage> ConversationsAsync(NpgsqlDataSource dataSource, Guid userId, DateTimeOffset? afterTime, Guid? afterId, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ConversationsSql);
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)afterTime ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)afterId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = limit + 1 });
        var items = new List<ConversationItem>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var lastSequence = reader.GetInt64(4);
            var lastRead = reader.GetInt64(5);
            items.Add(new ConversationItem(
                reader.GetGuid(0), reader.GetGuid(1), reader.IsDBNull(2) ? null : reader.GetGuid(2), reader.IsDBNull(3) ? null : reader.GetGuid(3),
                lastSequence, lastRead, reader.GetInt64(6), lastSequence - lastRead,
                reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7), reader.GetFieldValue<DateTimeOffset>(8)));
        }

        string? next = null;
        if (items.Count > limit)
        {
            items.RemoveAt(limit);
            next = PageCursor.Encode(items[^1].LastMessageAt ?? items[^1].CreatedAt, items[^1].Id);
        }

        return new ConversationPage(items, next);
    }

    /// <summary>The conversation's messages, newest first, before sequence <paramref name="before"/> (null: from the newest).</summary>
    public static async Task<MessagePage> MessagesAsync(NpgsqlDataSource dataSource, Guid conversationId, long? before, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(MessagesSql);
        command.Parameters.Add(new NpgsqlParameter { Value = conversationId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)before ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = limit + 1 });
        var items = new List<MessageItem>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new MessageItem(reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4)));
        }

        string? next = null;
        if (items.Count > limit)
        {
            items.RemoveAt(limit);
            next = items[^1].Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return new MessagePage(items, next);
    }

    /// <summary>One page of the directory for <paramref name="callerId"/>, by name, after the user <paramref name="after"/> (the last of the previous page).</summary>
    public static async Task<UserSearchPage> SearchAsync(NpgsqlDataSource dataSource, Guid callerId, string prefix, Guid? after, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SearchSql);
        command.Parameters.Add(new NpgsqlParameter { Value = UserQueries.EscapeLike(prefix.ToLowerInvariant()) });
        command.Parameters.Add(new NpgsqlParameter { Value = callerId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)after ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = limit + 1 });
        var items = new List<PublicUser>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new PublicUser(reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2)));
        }

        string? next = null;
        if (items.Count > limit)
        {
            items.RemoveAt(limit);
            next = items[^1].Id.ToString("D");
        }

        return new UserSearchPage(items, next);
    }

    /// <summary>The active account whose username is <paramref name="username"/> (any case); null when none is.</summary>
    public static async Task<Guid?> UserNamedAsync(NpgsqlDataSource dataSource, string username, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(UserNamedSql);
        command.Parameters.Add(new NpgsqlParameter { Value = username });
        return await command.ExecuteScalarAsync(cancellationToken) is Guid id ? id : null;
    }

    /// <summary>The last sequence of the user's chat stream (0 before their first event).</summary>
    public static async Task<long> StreamSequenceAsync(NpgsqlDataSource dataSource, Guid userId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(StreamSql);
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        return await command.ExecuteScalarAsync(cancellationToken) is long sequence ? sequence : 0;
    }
}
