using System.Globalization;
using GrainMarket.ApiGateway.Apis.Auctions;
using Npgsql;
using NpgsqlTypes;

namespace GrainMarket.ApiGateway.ReadModels;

/// <summary>The auction list and search (soonest end first) and an auction's bid history (newest first), over the auction read models.</summary>
internal static class AuctionQueries
{
    private const string ListSql = """
        SELECT id, status, seller_id, category_id, title, current_price, bid_count, starts_at, ends_at FROM auctions
        WHERE status = $1
          AND ($2::uuid IS NULL OR category_id = $2)
          AND ($3::text IS NULL OR search @@ to_tsquery('english', $3))
          AND ($4::timestamptz IS NULL OR (ends_at, id) > ($4, $5))
        ORDER BY ends_at, id
        LIMIT $6
        """;

    private const string BidsSql = """
        SELECT sequence, pseudonym, bidder_id, amount, kind, at FROM auction_bids
        WHERE auction_id = $1 AND ($2::bigint IS NULL OR sequence < $2)
        ORDER BY sequence DESC
        LIMIT $3
        """;

    private const string ViolationsSql = """
        SELECT position, user_id, reference, at, total FROM payment_violations
        WHERE ($1::uuid IS NULL OR user_id = $1) AND ($2::bigint IS NULL OR position < $2)
        ORDER BY position DESC
        LIMIT $3
        """;

    /// <summary>Newest first, before <paramref name="before"/> (a position; null: from the newest).</summary>
    public static async Task<PaymentViolationPage> ViolationsAsync(NpgsqlDataSource dataSource, Guid? userId, long? before, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ViolationsSql);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)userId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)before ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = limit + 1 });
        var items = new List<(long Position, PaymentViolation Violation)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add((reader.GetInt64(0), new PaymentViolation(reader.GetGuid(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3), reader.GetInt32(4))));
            }
        }

        string? next = null;
        if (items.Count > limit)
        {
            items.RemoveAt(limit);
            next = items[^1].Position.ToString(CultureInfo.InvariantCulture);
        }

        return new PaymentViolationPage([.. items.Select(i => i.Violation)], next);
    }

    public static async Task<AuctionPage> ListAsync(NpgsqlDataSource dataSource, string status, Guid? categoryId, string? text, int limit, DateTimeOffset? afterTime, Guid? afterId, string currency, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ListSql);
        command.Parameters.Add(new NpgsqlParameter { Value = status });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)categoryId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = text is null ? DBNull.Value : SearchText.PrefixQuery(text), NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)afterTime ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)afterId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = limit + 1 });
        var items = new List<AuctionSummary>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(new AuctionSummary(
                    reader.GetGuid(0), reader.GetString(1), reader.GetGuid(2), reader.GetGuid(3), reader.GetString(4), reader.GetInt64(5), currency,
                    reader.GetInt32(6), reader.GetFieldValue<DateTimeOffset>(7), reader.GetFieldValue<DateTimeOffset>(8)));
            }
        }

        string? next = null;
        if (items.Count > limit)
        {
            items.RemoveAt(limit);
            next = PageCursor.Encode(items[^1].EndsAt, items[^1].Id);
        }

        return new AuctionPage(items, next);
    }

    /// <summary>Newest first, before the row numbered <paramref name="before"/> (null: from the newest).</summary>
    public static async Task<BidHistoryPage> BidsAsync(NpgsqlDataSource dataSource, Guid auctionId, long? before, int limit, bool showBidders, string currency, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(BidsSql);
        command.Parameters.Add(new NpgsqlParameter { Value = auctionId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)before ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = limit + 1 });
        var items = new List<BidHistoryItem>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(new BidHistoryItem(reader.GetInt64(0), reader.GetString(1), showBidders ? reader.GetGuid(2) : null, reader.GetInt64(3), reader.GetString(4), reader.GetFieldValue<DateTimeOffset>(5)));
            }
        }

        string? next = null;
        if (items.Count > limit)
        {
            items.RemoveAt(limit);
            next = items[^1].Sequence.ToString(CultureInfo.InvariantCulture);
        }

        return new BidHistoryPage(items, currency, next);
    }
}
