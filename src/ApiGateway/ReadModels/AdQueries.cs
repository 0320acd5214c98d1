using GrainMarket.Ads;
using GrainMarket.ApiGateway.Apis.Ads;
using Npgsql;
using NpgsqlTypes;

namespace GrainMarket.ApiGateway.ReadModels;

/// <summary>The ad deals' lists over the <c>ad_opportunities</c> and <c>ad_engagements</c> read models, and an engagement's parties.</summary>
internal static class AdQueries
{
    private const string OpportunitiesSql = $"""
        SELECT id, seller_id, title, category_id, budget, committed, spent, escrow, status, deadline, created_at FROM ad_opportunities
        WHERE ($1::uuid IS NULL OR seller_id = $1)
          AND ($1::uuid IS NOT NULL OR (status = '{AdOpportunityStatuses.Open}' AND deadline > $6))
          AND ($2::uuid IS NULL OR category_id = $2)
          AND ($3::timestamptz IS NULL OR (created_at, id) < ($3, $4))
        ORDER BY created_at DESC, id DESC
        LIMIT $5
        """;

    private const string EngagementsSql = """
        SELECT e.id, e.opportunity_id, o.title, e.seller_id, e.status, e.proposed_amount, e.agreed_amount, e.paid, e.fee, e.rejections, e.created_at
        FROM ad_engagements e JOIN ad_opportunities o ON o.id = e.opportunity_id
        WHERE e.advertiser_id = $1
          AND ($2::timestamptz IS NULL OR (e.created_at, e.id) < ($2, $3))
        ORDER BY e.created_at DESC, e.id DESC
        LIMIT $4
        """;

    private const string PartiesSql = "SELECT seller_id, advertiser_id FROM ad_engagements WHERE id = $1";

    /// <summary>Newest first: the open opportunities (<paramref name="sellerId"/> null), or every one of a seller.</summary>
    public static async Task<AdOpportunityPage> OpportunitiesAsync(
        NpgsqlDataSource dataSource, Guid? sellerId, Guid? categoryId, int limit, DateTimeOffset? afterTime, Guid? afterId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(OpportunitiesSql);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)sellerId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)categoryId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)afterTime ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)afterId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = limit + 1 });
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        var items = new List<AdOpportunitySummary>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(new AdOpportunitySummary(
                    reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetGuid(3), reader.GetInt64(4), reader.GetInt64(5),
                    reader.GetInt64(6), reader.GetInt64(7), reader.GetString(8), reader.GetFieldValue<DateTimeOffset>(9), reader.GetFieldValue<DateTimeOffset>(10)));
            }
        }

        var next = Trim(items, limit, i => (i.CreatedAt, i.Id));
        return new AdOpportunityPage(items, next);
    }

    /// <summary>Newest first: the engagements of <paramref name="advertiserId"/>.</summary>
    public static async Task<AdEngagementPage> EngagementsAsync(NpgsqlDataSource dataSource, Guid advertiserId, int limit, DateTimeOffset? afterTime, Guid? afterId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(EngagementsSql);
        command.Parameters.Add(new NpgsqlParameter { Value = advertiserId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)afterTime ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)afterId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = limit + 1 });
        var items = new List<AdEngagementSummary>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(new AdEngagementSummary(
                    reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetGuid(3), reader.GetString(4), reader.GetInt64(5),
                    reader.IsDBNull(6) ? null : reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8), reader.GetInt32(9), reader.GetFieldValue<DateTimeOffset>(10)));
            }
        }

        var next = Trim(items, limit, i => (i.CreatedAt, i.Id));
        return new AdEngagementPage(items, next);
    }

    /// <summary>The seller and the advertiser of engagement <paramref name="engagementId"/>, or null when there is none.</summary>
    public static async Task<(Guid SellerId, Guid AdvertiserId)?> PartiesAsync(NpgsqlDataSource dataSource, Guid engagementId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(PartiesSql);
        command.Parameters.Add(new NpgsqlParameter { Value = engagementId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetGuid(0), reader.GetGuid(1)) : null;
    }

    /// <summary>Drops the extra row read to learn whether another page follows, and answers that page's cursor.</summary>
    private static string? Trim<T>(List<T> items, int limit, Func<T, (DateTimeOffset CreatedAt, Guid Id)> key)
    {
        if (items.Count <= limit)
        {
            return null;
        }

        items.RemoveAt(limit);
        var (createdAt, id) = key(items[^1]);
        return PageCursor.Encode(createdAt, id);
    }
}
