using System.Globalization;
using GrainMarket.ApiGateway.Apis.Orders;
using Npgsql;
using NpgsqlTypes;

namespace GrainMarket.ApiGateway.ReadModels;

/// <summary>
/// Order lists and the inventory summary over the <c>orders</c> and <c>product_stock</c> read models. A seller's list
/// shows each order's total and item count of the seller's own lines only.
/// </summary>
internal static class OrderQueries
{
    private const string ListSql = """
        SELECT id, status,
               CASE WHEN $2::uuid IS NULL THEN total
                    ELSE (SELECT coalesce(sum(l.quantity * l.unit_price), 0) FROM order_lines l WHERE l.order_id = o.id AND l.seller_id = $2)::bigint END,
               CASE WHEN $2::uuid IS NULL THEN item_count
                    ELSE (SELECT coalesce(sum(l.quantity), 0) FROM order_lines l WHERE l.order_id = o.id AND l.seller_id = $2)::int END,
               created_at
        FROM orders o
        WHERE ($1::uuid IS NULL OR buyer_id = $1)
          AND ($2::uuid IS NULL OR seller_ids @> ARRAY[$2])
          AND ($3::text IS NULL OR status = $3)
          AND ($4::timestamptz IS NULL OR (created_at, id) < ($4, $5))
        ORDER BY created_at DESC, id DESC
        LIMIT $6
        """;

    private const string InventorySql = """
        SELECT product_id, received, available, reserved, sold, written_off FROM product_stock
        WHERE $1::uuid IS NULL OR product_id = $1
        ORDER BY product_id
        LIMIT 1000
        """;

    /// <summary>Newest first; after the item created at <paramref name="afterTime"/> with id <paramref name="afterId"/> (both null: the first page).</summary>
    public static async Task<OrderPage> ListAsync(NpgsqlDataSource dataSource, Guid? buyerId, Guid? sellerId, string? status, int limit, DateTimeOffset? afterTime, Guid? afterId, string currency, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ListSql);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)buyerId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)sellerId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)status ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)afterTime ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)afterId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = limit + 1 });
        return await PageAsync(command, limit, currency, cancellationToken);
    }

    /// <summary>Reads a page of order summaries (id, status, total, item count, creation time) that asked for one row more than <paramref name="limit"/>.</summary>
    public static async Task<OrderPage> PageAsync(NpgsqlCommand command, int limit, string currency, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var items = new List<OrderSummary>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(new OrderSummary(reader.GetGuid(0), reader.GetString(1), reader.GetInt64(2), currency, reader.GetInt32(3), reader.GetFieldValue<DateTimeOffset>(4)));
            }
        }

        string? next = null;
        if (items.Count > limit)
        {
            items.RemoveAt(limit);
            next = PageCursor.Encode(items[^1].CreatedAt, items[^1].Id);
        }

        return new OrderPage(items, next);
    }

    public static async Task<IReadOnlyList<InventoryLine>> InventoryAsync(NpgsqlDataSource dataSource, Guid? productId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(InventorySql);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)productId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        var lines = new List<InventoryLine>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var (received, available, reserved, sold, writtenOff) = (reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5));
            lines.Add(new InventoryLine(reader.GetGuid(0), received, available, reserved, sold, writtenOff, received == available + reserved + sold + writtenOff));
        }

        return lines;
    }
}
