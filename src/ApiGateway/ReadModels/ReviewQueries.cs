using GrainMarket.ApiGateway.Apis.Reviews;
using GrainMarket.ApiGateway.Http;
using GrainMarket.Catalog;
using GrainMarket.Common;
using GrainMarket.Reviews;
using Npgsql;
using NpgsqlTypes;

namespace GrainMarket.ApiGateway.ReadModels;

/// <summary>
/// Reviews and feedback lists over <c>reviews</c>, <c>seller_feedback</c>, <c>seller_scores</c> and
/// <c>platform_feedback</c>. A page's cursor is the id of its last item; the next page starts after that row's place in
/// the order, so inserts never shift or repeat items.
/// </summary>
internal static class ReviewQueries
{
    private const int DefaultPageSize = 20;
    private const int MaxPageSize = 100;

    private static readonly string ProductRatingSql = $"SELECT rating_average, rating_count FROM products WHERE id = $1 AND status = '{ProductStatus.Active}'";

    private const string NewestSql = """
        SELECT id, order_id, author_id, rating, text, helpful, created_at, edited_at FROM reviews r
        WHERE product_id = $1 AND NOT hidden AND NOT deleted
          AND ($2::uuid IS NULL OR (created_at, id) < (SELECT created_at, id FROM reviews WHERE id = $2))
        ORDER BY created_at DESC, id DESC
        LIMIT $3
        """;

    private const string HelpfulSql = """
        SELECT id, order_id, author_id, rating, text, helpful, created_at, edited_at FROM reviews r
        WHERE product_id = $1 AND NOT hidden AND NOT deleted
          AND ($2::uuid IS NULL OR (helpful, created_at, id) < (SELECT helpful, created_at, id FROM reviews WHERE id = $2))
        ORDER BY helpful DESC, created_at DESC, id DESC
        LIMIT $3
        """;

    private const string SellerScoreSql = "SELECT rating_average, rating_count FROM seller_scores WHERE seller_id = $1";

    private const string SellerFeedbackSql = """
        SELECT id, order_id, seller_id, rating, text, created_at FROM seller_feedback
        WHERE seller_id = $1 AND ($2::uuid IS NULL OR (created_at, id) < (SELECT created_at, id FROM seller_feedback WHERE id = $2))
        ORDER BY created_at DESC, id DESC
        LIMIT $3
        """;

    private const string PlatformFeedbackSql = """
        SELECT id, user_id, rating, text, created_at FROM platform_feedback
        WHERE $1::uuid IS NULL OR (created_at, id) < (SELECT created_at, id FROM platform_feedback WHERE id = $1)
        ORDER BY created_at DESC, id DESC
        LIMIT $2
        """;

    /// <summary>
    /// A page of an active product's visible reviews, newest or most helpful first, with its rating; null when no active
    /// product has the id.
    /// </summary>
    public static async Task<ReviewPage?> ProductReviewsAsync(NpgsqlDataSource dataSource, Guid productId, bool helpfulFirst, int limit, Guid? after, CancellationToken cancellationToken)
    {
        if (await RatingAsync(dataSource, ProductRatingSql, productId, cancellationToken) is not { } rating)
        {
            return null;
        }

        await using var command = dataSource.CreateCommand(helpfulFirst ? HelpfulSql : NewestSql);
        AddPage(command, productId, after, limit);
        var items = new List<ReviewSummary>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(new ReviewSummary(
                    reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetInt16(3), reader.GetString(4), reader.GetInt32(5),
                    reader.GetFieldValue<DateTimeOffset>(6), reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7)));
            }
        }

        var next = Trim(items, limit, r => r.Id);
        return new ReviewPage(rating, items, next);
    }

    /// <summary>A page of a seller's feedback, newest first, with their score (zero over none when they have no feedback).</summary>
    public static async Task<SellerFeedbackPage> SellerFeedbackAsync(NpgsqlDataSource dataSource, Guid sellerId, int limit, Guid? after, CancellationToken cancellationToken)
    {
        var score = await RatingAsync(dataSource, SellerScoreSql, sellerId, cancellationToken) ?? new RatingSummary(0, 0);
        await using var command = dataSource.CreateCommand(SellerFeedbackSql);
        AddPage(command, sellerId, after, limit);
        var items = new List<SellerFeedbackResponse>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(new SellerFeedbackResponse(reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetInt16(3), reader.GetString(4), reader.GetFieldValue<DateTimeOffset>(5)));
            }
        }

        var next = Trim(items, limit, f => f.Id);
        return new SellerFeedbackPage(score, items, next);
    }

    /// <summary>A page of every platform feedback, newest first (for admins).</summary>
    public static async Task<PlatformFeedbackPage> PlatformFeedbackAsync(NpgsqlDataSource dataSource, int limit, Guid? after, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(PlatformFeedbackSql);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)after ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = limit + 1 });
        var items = new List<PlatformFeedbackView>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(new PlatformFeedbackView(reader.GetGuid(0), reader.GetGuid(1), reader.GetInt16(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4)));
            }
        }

        var next = Trim(items, limit, f => f.Id);
        return new PlatformFeedbackPage(items, next);
    }

    /// <summary>Checks a page's <paramref name="limit"/> (text, so that a malformed one is a 400 naming it) and <paramref name="cursor"/> (the <c>next</c> of the previous page).</summary>
    public static DomainError? CheckPage(string? limit, string? cursor, out int size, out Guid? after) =>
        Validation.First(
            Validation.PageSize(limit, "limit", DefaultPageSize, MaxPageSize, out size),
            IdCursor.TryParse(cursor, out after) ? null : DomainError.Invalid("cursor", "is not a cursor this API returned"));

    private static async Task<RatingSummary?> RatingAsync(NpgsqlDataSource dataSource, string sql, Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new RatingSummary(reader.GetDecimal(0), reader.GetInt32(1)) : null;
    }

    private static void AddPage(NpgsqlCommand command, Guid subject, Guid? after, int limit)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = subject });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)after ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = limit + 1 });
    }

    /// <summary>Drops the look-ahead row and answers the next page's cursor (the last kept id), or null on the last page.</summary>
    private static string? Trim<T>(List<T> items, int limit, Func<T, Guid> id)
    {
        if (items.Count <= limit)
        {
            return null;
        }

        items.RemoveAt(limit);
        return id(items[^1]).ToString();
    }
}
