using GrainMarket.ApiGateway.Apis.Investors;
using Npgsql;
using NpgsqlTypes;

namespace GrainMarket.ApiGateway.ReadModels;

/// <summary>The admins' list of investors over the <c>investors</c> read model, with each account's name.</summary>
internal static class InvestorQueries
{
    private const string ListSql = """
        SELECT i.user_id, u.display_name, u.email, i.staked, i.shares_bps, i.paid_out, i.stakes, i.payouts, i.created_at
        FROM investors i JOIN users u ON u.id = i.user_id
        WHERE ($1::timestamptz IS NULL OR (i.created_at, i.user_id) < ($1, $2))
        ORDER BY i.created_at DESC, i.user_id DESC
        LIMIT $3
        """;

    public static async Task<InvestorPage> ListAsync(NpgsqlDataSource dataSource, int limit, DateTimeOffset? afterTime, Guid? afterId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ListSql);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)afterTime ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)afterId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = limit + 1 });
        var items = new List<InvestorSummary>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(new InvestorSummary(
                    reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetInt32(4), reader.GetInt64(5),
                    reader.GetInt32(6), reader.GetInt32(7), reader.GetFieldValue<DateTimeOffset>(8)));
            }
        }

        string? next = null;
        if (items.Count > limit)
        {
            items.RemoveAt(limit);
            next = PageCursor.Encode(items[^1].CreatedAt, items[^1].Id);
        }

        return new InvestorPage(items, next);
    }
}
