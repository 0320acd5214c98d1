using System.Text.Json;
using Npgsql;

namespace GrainMarket.Notifications;

/// <summary>
/// Appends an inbox's notifications to its user's live stream, <c>notification_events</c>, and notifies
/// <see cref="NotificationEvents.Channel"/> with <c>&lt;user id&gt;:&lt;last sequence&gt;</c>, in one transaction. Rows are
/// keyed by (user, sequence) and inserted with <c>ON CONFLICT DO NOTHING</c>, so appending one again changes nothing.
/// The stream keeps a user's <see cref="NotificationEvents.Kept"/> newest events.
/// </summary>
internal static class NotificationStream
{
    private static readonly JsonSerializerOptions EventJson = new(JsonSerializerDefaults.Web);

    private const string Append = """
        INSERT INTO notification_events (user_id, sequence, type, data, at)
        SELECT $1, s, 'notification', d, a FROM unnest($2::bigint[], $3::jsonb[], $4::timestamptz[]) AS e(s, d, a)
        ON CONFLICT (user_id, sequence) DO NOTHING
        """;

    private const string Trim = "DELETE FROM notification_events WHERE user_id = $1 AND sequence <= $2";

    public static async Task AppendAsync(NpgsqlDataSource database, Guid userId, IReadOnlyList<NotificationRecord> records)
    {
        var last = records.Max(r => r.Sequence);
        await using var batch = database.CreateBatch();
        batch.BatchCommands.Add(Command(
            Append,
            userId,
            records.Select(r => r.Sequence).ToArray(),
            new NpgsqlParameter { Value = records.Select(r => JsonSerializer.Serialize(new NotificationView(r.Id, r.Type, r.Title, r.Body, r.Link, r.At, false), EventJson)).ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Jsonb },
            records.Select(r => r.At).ToArray()));
        if (last > NotificationEvents.Kept)
        {
            batch.BatchCommands.Add(Command(Trim, userId, last - NotificationEvents.Kept));
        }

        batch.BatchCommands.Add(Command("SELECT pg_notify($1, $2)", NotificationEvents.Channel, $"{userId:D}:{last}"));
        await batch.ExecuteNonQueryAsync();
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(value as NpgsqlParameter ?? new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
