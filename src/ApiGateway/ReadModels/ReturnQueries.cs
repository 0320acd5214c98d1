using GrainMarket.ApiGateway.Apis.Returns;
using GrainMarket.Returns;
using Npgsql;
using NpgsqlTypes;

namespace GrainMarket.ApiGateway.ReadModels;

/// <summary>The returns' lists over the <c>returns</c> read model.</summary>
internal static class ReturnQueries
{
    private static readonly string ListSql = $"""
        SELECT id, order_id, buyer_id, seller_id, courier_id, status, value, refunded, item_count, created_at FROM returns
        WHERE ($1::uuid IS NULL OR buyer_id = $1 OR seller_id = $1 OR courier_id = $1
               OR ($2 AND status = '{ReturnStatuses.Approved}' AND courier_id IS NULL))
          AND ($3::text IS NULL OR status = $3)
          AND ($4::timestamptz IS NULL OR (created_at, id) < ($4, $5))
        ORDER BY created_at DESC, id DESC
        LIMIT $6
        """;

    /// <summary>
    /// Newest first: every return (<paramref name="partyId"/> null: an admin), or those whose buyer, seller or courier is
    /// <paramref name="partyId"/>, with <paramref name="awaitingPickup"/> (a courier) the approved ones no courier has yet.
    /// </summary>
    public static async Task<ReturnPage> ListAsync(NpgsqlDataSource dataSource, Guid? partyId, bool awaitingPickup, string? status, int limit, DateTimeOffset? afterTime, Guid? afterId, string currency, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ListSql);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)partyId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = awaitingPickup, NpgsqlDbType = NpgsqlDbType.Boolean });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)status ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)afterTime ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)afterId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = limit + 1 });
        var items = new List<ReturnSummary>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(new ReturnSummary(
                    reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetGuid(3), reader.IsDBNull(4) ? null : reader.GetGuid(4),
                    reader.GetString(5), reader.GetInt64(6), reader.GetInt64(7), currency, reader.GetInt32(8), reader.GetFieldValue<DateTimeOffset>(9)));
            }
        }

        string? next = null;
        if (items.Count > limit)
        {
            items.RemoveAt(limit);
            next = PageCursor.Encode(items[^1].CreatedAt, items[^1].Id);
        }

        return new ReturnPage(items, next);
    }
}
