using GrainMarket.ApiGateway.Apis.Complaints;
using Npgsql;
using NpgsqlTypes;

namespace GrainMarket.ApiGateway.ReadModels;

/// <summary>The complaints' lists over the <c>complaints</c> read model, and the order tie a complaint about a seller or a buyer needs.</summary>
internal static class ComplaintQueries
{
    private const string ListSql = """
        SELECT id, complainant_id, other_party_id, subject, subject_id, status, conversation_id, responded, created_at, updated_at FROM complaints
        WHERE ($1::uuid IS NULL OR complainant_id = $1 OR other_party_id = $1)
          AND ($2::text IS NULL OR status = $2)
          AND ($3::timestamptz IS NULL OR (created_at, id) < ($3, $4))
        ORDER BY created_at DESC, id DESC
        LIMIT $5
        """;

    private const string TradedSql = "SELECT EXISTS (SELECT 1 FROM orders WHERE buyer_id = $1 AND $2 = ANY (seller_ids))";

    /// <summary>Newest first: every complaint (<paramref name="partyId"/> null: the admins' queue), or those <paramref name="partyId"/> made or is the other party of.</summary>
    public static async Task<ComplaintPage> ListAsync(NpgsqlDataSource dataSource, Guid? partyId, string? status, int limit, DateTimeOffset? afterTime, Guid? afterId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ListSql);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)partyId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)status ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)afterTime ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)afterId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = limit + 1 });
        var items = new List<ComplaintSummary>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(new ComplaintSummary(
                    reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetString(3), reader.GetGuid(4), reader.GetString(5),
                    reader.IsDBNull(6) ? null : reader.GetGuid(6), reader.GetBoolean(7), reader.GetFieldValue<DateTimeOffset>(8), reader.GetFieldValue<DateTimeOffset>(9)));
            }
        }

        string? next = null;
        if (items.Count > limit)
        {
            items.RemoveAt(limit);
            next = PageCursor.Encode(items[^1].CreatedAt, items[^1].Id);
        }

        return new ComplaintPage(items, next);
    }

    /// <summary>Whether <paramref name="buyerId"/> has placed an order with <paramref name="sellerId"/> among its sellers.</summary>
    public static async Task<bool> HaveTradedAsync(NpgsqlDataSource dataSource, Guid buyerId, Guid sellerId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(TradedSql);
        command.Parameters.Add(new NpgsqlParameter { Value = buyerId });
        command.Parameters.Add(new NpgsqlParameter { Value = sellerId });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
