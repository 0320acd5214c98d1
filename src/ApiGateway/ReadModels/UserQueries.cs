using System.Globalization;
using GrainMarket.ApiGateway.Apis.Accounts;
using Npgsql;

namespace GrainMarket.ApiGateway.ReadModels;

/// <summary>The admins' user list over the <c>users</c> read model.</summary>
internal static class UserQueries
{
    private const string ListSql = """
        SELECT id, email, display_name, roles, active_role, blocked, created_at FROM users
        WHERE ($1::text IS NULL OR email ILIKE '%' || $1 || '%' OR display_name ILIKE '%' || $1 || '%')
          AND ($2::text IS NULL OR $2 = ANY (roles))
          AND ($3::boolean IS NULL OR blocked = $3)
          AND ($4::timestamptz IS NULL OR (created_at, id) < ($4, $5))
        ORDER BY created_at DESC, id DESC
        LIMIT $6
        """;

    /// <summary>One page, newest first; after the item created at <paramref name="afterTime"/> with id <paramref name="afterId"/> (both null: the first page).</summary>
    public static async Task<UserPage> ListAsync(NpgsqlDataSource dataSource, string? q, string? role, bool? blocked, int limit, DateTimeOffset? afterTime, Guid? afterId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ListSql);
        command.Parameters.Add(new NpgsqlParameter { Value = string.IsNullOrWhiteSpace(q) ? DBNull.Value : EscapeLike(q.Trim()), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)role ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)blocked ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Boolean });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)afterTime ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)afterId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = limit + 1 });

        var items = new List<UserListItem>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new UserListItem(
                reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<string[]>(3), reader.GetString(4), reader.GetBoolean(5),
                reader.GetFieldValue<DateTimeOffset>(6)));
        }

        string? next = null;
        if (items.Count > limit)
        {
            items.RemoveAt(limit);
            var last = items[^1];
            next = PageCursor.Encode(last.CreatedAt, last.Id);
        }

        return new UserPage(items, next);
    }

    /// <summary>The text as a LIKE pattern matching it literally (its backslashes, percent signs and underscores escaped).</summary>
    internal static string EscapeLike(string value) => value.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
}
