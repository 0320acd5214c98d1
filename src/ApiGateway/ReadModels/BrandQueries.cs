using GrainMarket.ApiGateway.Apis.Brands;
using GrainMarket.ApiGateway.Apis.Reviews;
using GrainMarket.Brands;
using GrainMarket.Common;
using Npgsql;
using NpgsqlTypes;

namespace GrainMarket.ApiGateway.ReadModels;

/// <summary>The brands' lists over the <c>brands</c> read model, and the seller's row of a public profile.</summary>
internal static class BrandQueries
{
    private const string ListSql = """
        SELECT id, seller_id, name, description, logo_url, status, rejection_reason, created_at, decided_at FROM brands
        WHERE ($1::uuid IS NULL OR seller_id = $1)
          AND ($2::text IS NULL OR status = $2)
          AND ($3::text IS NULL OR name_key LIKE $3 ESCAPE '\')
          AND ($4::timestamptz IS NULL OR (created_at, id) < ($4, $5))
        ORDER BY created_at DESC, id DESC
        LIMIT $6
        """;

    private const string SellerSql = """
        SELECT u.display_name, u.username, coalesce(s.rating_average, 0), coalesce(s.rating_count, 0)
        FROM users u LEFT JOIN seller_scores s ON s.seller_id = u.id
        WHERE u.id = $1 AND $2 = ANY (u.roles)
        """;

    /// <summary>
    /// Newest first: brands of <paramref name="sellerId"/> (null: every seller's) in <paramref name="status"/> (null:
    /// any), whose name starts with <paramref name="prefix"/> (compared as <see cref="BrandNames.Key"/> compares names).
    /// </summary>
    public static async Task<BrandPage> ListAsync(
        NpgsqlDataSource dataSource, Guid? sellerId, string? status, string? prefix, int limit, DateTimeOffset? afterTime, Guid? afterId, CancellationToken cancellationToken)
    {
        var pattern = prefix is null ? null : BrandNames.Key(prefix).Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal) + "%";
        await using var command = dataSource.CreateCommand(ListSql);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)sellerId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)status ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)pattern ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)afterTime ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)afterId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = limit + 1 });
        var items = new List<BrandView>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(new BrandView(
                    reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4),
                    reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetFieldValue<DateTimeOffset>(7), reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8)));
            }
        }

        string? next = null;
        if (items.Count > limit)
        {
            items.RemoveAt(limit);
            next = PageCursor.Encode(items[^1].CreatedAt, items[^1].Id);
        }

        return new BrandPage(items, next);
    }

    /// <summary>A seller's name and feedback score, or null when <paramref name="sellerId"/> is no seller.</summary>
    public static async Task<(string DisplayName, string? Username, RatingSummary Feedback)?> SellerAsync(NpgsqlDataSource dataSource, Guid sellerId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SellerSql);
        command.Parameters.Add(new NpgsqlParameter { Value = sellerId });
        command.Parameters.Add(new NpgsqlParameter { Value = Roles.Seller });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? (reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), new RatingSummary(reader.GetDecimal(2), reader.GetInt32(3)))
            : null;
    }
}
