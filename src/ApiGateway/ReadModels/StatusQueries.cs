using GrainMarket.ApiGateway.Apis.Statuses;
using Npgsql;
using NpgsqlTypes;

namespace GrainMarket.ApiGateway.ReadModels;

/// <summary>The statuses a user sees, over the <c>statuses</c> read model: their own and their contacts'.</summary>
internal static class StatusQueries
{
    /// <summary>
    /// A contact is someone the user has a conversation with; a block either way hides both sides' statuses, and a
    /// blocked account's statuses are hidden from everyone.
    /// </summary>
    private const string ListSql = """
        SELECT s.id, s.user_id, u.display_name, s.text, s.posted_at, s.expires_at FROM statuses s JOIN users u ON u.id = s.user_id
        WHERE s.expires_at > $2 AND NOT u.blocked
          AND (s.user_id = $1 OR s.user_id IN (SELECT peer_id FROM conversation_members WHERE user_id = $1))
          AND NOT EXISTS (SELECT 1 FROM user_blocks b
                          WHERE (b.user_id = $1 AND b.blocked_id = s.user_id) OR (b.user_id = s.user_id AND b.blocked_id = $1))
          AND ($3::timestamptz IS NULL OR (s.posted_at, s.id) < ($3, $4))
        ORDER BY s.posted_at DESC, s.id DESC
        LIMIT $5
        """;

    /// <summary>Newest first, the statuses live at <paramref name="now"/> that <paramref name="userId"/> may see.</summary>
    public static async Task<StatusPage> ListAsync(NpgsqlDataSource dataSource, Guid userId, DateTimeOffset now, int limit, DateTimeOffset? afterTime, Guid? afterId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ListSql);
        command.Parameters.Add(new NpgsqlParameter { Value = userId, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)afterTime ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)afterId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = limit + 1 });
        var items = new List<StatusItem>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var authorId = reader.GetGuid(1);
                items.Add(new StatusItem(
                    reader.GetGuid(0), authorId, reader.GetString(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4), reader.GetFieldValue<DateTimeOffset>(5), authorId == userId));
            }
        }

        string? next = null;
        if (items.Count > limit)
        {
            items.RemoveAt(limit);
            next = PageCursor.Encode(items[^1].PostedAt, items[^1].Id);
        }

        return new StatusPage(items, next);
    }
}
