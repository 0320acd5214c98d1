using System.Buffers.Text;
using System.Globalization;
using System.Text;
using GrainMarket.ApiGateway.Apis.Delivery;
using GrainMarket.ApiGateway.Apis.Orders;
using GrainMarket.Delivery;
using Npgsql;
using NpgsqlTypes;

namespace GrainMarket.ApiGateway.ReadModels;

/// <summary>The couriers' lists over the <c>orders</c> read model (db/0016) and their payments in <c>ledger_entries</c>.</summary>
internal static class DeliveryQueries
{
    /// <summary>The sort key of an order without a position: after every distance.</summary>
    private const long Unlocated = long.MaxValue;

    /// <summary>
    /// Great-circle distance (haversine, mean Earth radius) from the courier's position, in whole metres; the rows of
    /// the courier's region and postal-code prefix only, nearest first, then by id.
    /// </summary>
    private const string AvailableSql = """
        SELECT id, ship_city, ship_region, ship_postal_code, item_count, created_at, distance FROM (
            SELECT id, ship_city, ship_region, ship_postal_code, item_count, created_at,
                CASE WHEN ship_latitude IS NULL THEN NULL ELSE round(2 * 6371008.8 * asin(least(1, sqrt(
                    power(sin(radians(ship_latitude - $3) / 2), 2)
                    + cos(radians($3)) * cos(radians(ship_latitude)) * power(sin(radians(ship_longitude - $4) / 2), 2)))))::bigint END AS distance
            FROM orders
            WHERE pickup_ready
              AND ($1::text IS NULL OR lower(ship_region) = lower($1))
              AND ($2::text IS NULL OR upper(ship_postal_code) LIKE upper($2) || '%')
        ) AS o
        WHERE $5::bigint IS NULL OR (coalesce(distance, 9223372036854775807), id) > ($5, $6)
        ORDER BY coalesce(distance, 9223372036854775807), id
        LIMIT $7
        """;

    private const string MineSql = """
        SELECT id, status, total, item_count, created_at FROM orders
        WHERE courier_id = $1 AND ($2::timestamptz IS NULL OR (created_at, id) < ($2, $3))
        ORDER BY created_at DESC, id DESC
        LIMIT $4
        """;

    /// <summary>The courier's PAYMENT entries for orders they delivered (an order's reference is <c>order:{id:N}</c>).</summary>
    private const string EarningsSql = """
        SELECT l.sequence, o.id, l.amount, l.at FROM ledger_entries l
        JOIN orders o ON o.id = substr(l.reference, 7)::uuid AND o.courier_id = $2
        WHERE l.wallet_id = $1 AND l.type = 'PAYMENT' AND l.reference LIKE 'order:%' AND ($3::bigint IS NULL OR l.sequence < $3)
        ORDER BY l.sequence DESC
        LIMIT $4
        """;

    public static async Task<AvailablePage> AvailableAsync(NpgsqlDataSource dataSource, CourierArea area, int limit, (long Distance, Guid Id)? after, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(AvailableSql);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)area.Region ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)area.PostalCodePrefix ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = area.Latitude, NpgsqlDbType = NpgsqlDbType.Double });
        command.Parameters.Add(new NpgsqlParameter { Value = area.Longitude, NpgsqlDbType = NpgsqlDbType.Double });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)after?.Distance ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)after?.Id ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = limit + 1 });
        var items = new List<AvailableOrder>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(new AvailableOrder(
                    reader.GetGuid(0), reader.IsDBNull(1) ? "" : reader.GetString(1), reader.IsDBNull(2) ? "" : reader.GetString(2), reader.IsDBNull(3) ? "" : reader.GetString(3),
                    reader.IsDBNull(6) ? null : reader.GetInt64(6), reader.GetInt32(4), reader.GetFieldValue<DateTimeOffset>(5)));
            }
        }

        string? next = null;
        if (items.Count > limit)
        {
            items.RemoveAt(limit);
            next = EncodeDistance(items[^1].DistanceMeters ?? Unlocated, items[^1].Id);
        }

        return new AvailablePage(items, next);
    }

    public static async Task<OrderPage> MineAsync(NpgsqlDataSource dataSource, Guid courierId, int limit, DateTimeOffset? afterTime, Guid? afterId, string currency, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(MineSql);
        command.Parameters.Add(new NpgsqlParameter { Value = courierId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)afterTime ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)afterId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = limit + 1 });
        return await OrderQueries.PageAsync(command, limit, currency, cancellationToken);
    }

    public static async Task<EarningsPage> EarningsAsync(NpgsqlDataSource dataSource, string walletId, Guid courierId, int limit, long? before, string currency, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(EarningsSql);
        command.Parameters.Add(new NpgsqlParameter { Value = walletId });
        command.Parameters.Add(new NpgsqlParameter { Value = courierId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)before ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = limit + 1 });
        var items = new List<Earning>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(new Earning(reader.GetInt64(0), reader.GetGuid(1), reader.GetInt64(2), currency, reader.GetFieldValue<DateTimeOffset>(3)));
            }
        }

        return items.Count > limit
            ? new EarningsPage(items[..limit], items[limit - 1].Sequence.ToString(CultureInfo.InvariantCulture))
            : new EarningsPage(items, null);
    }

    /// <summary>Reads a cursor of the available list: false when it is not one this API wrote; null text is the first page.</summary>
    public static bool TryParseDistance(string? cursor, out (long Distance, Guid Id)? after)
    {
        after = null;
        if (cursor is null)
        {
            return true;
        }

        string text;
        try
        {
            text = cursor.Length > 200 ? throw new FormatException() : Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            return false;
        }

        var parts = text.Split(':');
        if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var distance) || !Guid.TryParse(parts[1], out var id))
        {
            return false;
        }

        after = (distance, id);
        return true;
    }

    private static string EncodeDistance(long distance, Guid id) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{distance}:{id}")));
}
