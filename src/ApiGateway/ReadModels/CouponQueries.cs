using GrainMarket.ApiGateway.Apis.Pricing;
using Npgsql;
using NpgsqlTypes;

namespace GrainMarket.ApiGateway.ReadModels;

/// <summary>The admins' and each seller's coupon lists, over the <c>coupons</c> read model (db/0030).</summary>
internal static class CouponQueries
{
    /// <summary>$1 funder, $2 seller (null: any), $3 the code after which to start, $4 page size + 1.</summary>
    private const string ListSql = """
        SELECT code, percent_off, amount_off, max_discount, min_order, starts_at, ends_at, total_limit, per_user_limit,
               funded_by, seller_id, active, used, created_at
        FROM coupons
        WHERE funded_by = $1 AND ($2::uuid IS NULL OR seller_id = $2) AND ($3::text IS NULL OR code > $3)
        ORDER BY code
        LIMIT $4
        """;

    public static async Task<CouponPage> ListAsync(NpgsqlDataSource dataSource, string fundedBy, Guid? sellerId, string? after, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ListSql);
        command.Parameters.Add(new NpgsqlParameter { Value = fundedBy, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)sellerId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)after ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = limit + 1 });
        var items = new List<CouponResponse>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(new CouponResponse(
                    reader.GetString(0),
                    reader.GetInt32(1),
                    reader.GetInt64(2),
                    reader.IsDBNull(3) ? null : reader.GetInt64(3),
                    reader.GetInt64(4),
                    reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
                    reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
                    reader.IsDBNull(7) ? null : reader.GetInt32(7),
                    reader.IsDBNull(8) ? null : reader.GetInt32(8),
                    reader.GetString(9),
                    reader.IsDBNull(10) ? null : reader.GetGuid(10),
                    reader.GetBoolean(11),
                    reader.GetInt32(12),
                    reader.GetFieldValue<DateTimeOffset>(13)));
            }
        }

        string? next = null;
        if (items.Count > limit)
        {
            items.RemoveAt(limit);
            next = items[^1].Code;
        }

        return new CouponPage(items, next);
    }
}
