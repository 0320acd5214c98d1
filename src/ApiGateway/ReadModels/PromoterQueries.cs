using GrainMarket.ApiGateway.Apis.Promoters;
using GrainMarket.Orders;
using Npgsql;
using NpgsqlTypes;

namespace GrainMarket.ApiGateway.ReadModels;

/// <summary>A promoter's referral codes and dashboard, over the read models of db/0033 (never the orders themselves).</summary>
internal static class PromoterQueries
{
    /// <summary>$1 promoter, $2 the code after which to start, $3 page size + 1.</summary>
    private const string ListSql = """
        SELECT code, product_id, active, clicks, created_at FROM referral_codes
        WHERE promoter_id = $1 AND ($2::text IS NULL OR code > $2)
        ORDER BY code
        LIMIT $3
        """;

    /// <summary>$1 promoter, $2 first day, $3 last day (UTC, both included), $4 the statuses whose commission is no longer pending.</summary>
    private const string DashboardSql = """
        WITH days AS (SELECT d::date AS day FROM generate_series($2::date, $3::date, interval '1 day') AS d),
        clicks AS (
            SELECT day, sum(clicks)::bigint AS clicks FROM referral_clicks
            WHERE promoter_id = $1 AND day BETWEEN $2::date AND $3::date GROUP BY day),
        orders AS (
            SELECT (placed_at AT TIME ZONE 'UTC')::date AS day, count(*) AS orders,
                   sum(CASE WHEN status = ANY($4) THEN 0 ELSE expected END)::bigint AS pending
            FROM referred_orders
            WHERE promoter_id = $1 AND placed_at >= ($2::date)::timestamp AT TIME ZONE 'UTC' AND placed_at < ($3::date + 1)::timestamp AT TIME ZONE 'UTC'
            GROUP BY 1),
        events AS (
            SELECT (at AT TIME ZONE 'UTC')::date AS day,
                   coalesce(sum(amount) FILTER (WHERE kind = 'paid'), 0)::bigint AS paid,
                   coalesce(sum(amount) FILTER (WHERE kind = 'clawback'), 0)::bigint AS clawed_back
            FROM commission_events
            WHERE promoter_id = $1 AND at >= ($2::date)::timestamp AT TIME ZONE 'UTC' AND at < ($3::date + 1)::timestamp AT TIME ZONE 'UTC'
            GROUP BY 1)
        SELECT days.day, coalesce(c.clicks, 0), coalesce(o.orders, 0), coalesce(o.pending, 0), coalesce(e.paid, 0), coalesce(e.clawed_back, 0)
        FROM days LEFT JOIN clicks c USING (day) LEFT JOIN orders o USING (day) LEFT JOIN events e USING (day)
        ORDER BY days.day
        """;

    public static async Task<ReferralPage> ListAsync(NpgsqlDataSource dataSource, Guid promoterId, string? after, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ListSql);
        command.Parameters.Add(new NpgsqlParameter { Value = promoterId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)after ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = limit + 1 });
        var items = new List<ReferralResponse>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var code = reader.GetString(0);
                items.Add(new ReferralResponse(code, reader.IsDBNull(1) ? null : reader.GetGuid(1), reader.GetBoolean(2), reader.GetInt64(3), reader.GetFieldValue<DateTimeOffset>(4), $"/r/{code}"));
            }
        }

        string? next = null;
        if (items.Count > limit)
        {
            items.RemoveAt(limit);
            next = items[^1].Code;
        }

        return new ReferralPage(items, next);
    }

    public static async Task<IReadOnlyList<DashboardDay>> DaysAsync(NpgsqlDataSource dataSource, Guid promoterId, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(DashboardSql);
        command.Parameters.Add(new NpgsqlParameter { Value = promoterId });
        command.Parameters.Add(new NpgsqlParameter { Value = from, NpgsqlDbType = NpgsqlDbType.Date });
        command.Parameters.Add(new NpgsqlParameter { Value = to, NpgsqlDbType = NpgsqlDbType.Date });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [OrderStatuses.Completed, OrderStatuses.Cancelled] });
        var days = new List<DashboardDay>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            days.Add(new DashboardDay(reader.GetFieldValue<DateOnly>(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5)));
        }

        return days;
    }
}
