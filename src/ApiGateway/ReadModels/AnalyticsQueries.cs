using GrainMarket.ApiGateway.Apis.Analytics;
using Npgsql;

namespace GrainMarket.ApiGateway.ReadModels;

/// <summary>
/// A seller's analytics from the rollups the order projection keeps (<c>seller_daily</c>, <c>seller_product_daily</c>,
/// <c>seller_buyer_daily</c>) and the gateways' view counts (<c>product_views_daily</c>; db/0035_analytics.sql): a few
/// rows per day of the range, never the orders themselves. One batch, so one snapshot and one round trip.
/// </summary>
public static class AnalyticsQueries
{
    /// <summary>How many products <see cref="SellerAsync"/> lists, by revenue.</summary>
    public const int TopProductCount = 10;

    private const string Bucket = "date_trunc($4, day::timestamp)::date";

    private static readonly string Daily =
        $"""
        SELECT {Bucket}, sum(placed)::int, sum(cancelled)::int, sum(orders)::int, sum(units)::int, sum(revenue)::bigint, sum(fees)::bigint,
               sum(refunds)::bigint, sum(refunded_units)::int
        FROM seller_daily WHERE seller_id = $1 AND day BETWEEN $2 AND $3 GROUP BY 1
        """;

    /// <summary>Buyers with a completed order in each bucket and in the whole range (the row whose bucket is null); repeat buyers have two or more.</summary>
    private static readonly string Buyers =
        $"""
        SELECT bucket, count(*)::int, (count(*) FILTER (WHERE orders >= 2))::int
        FROM (SELECT {Bucket} AS bucket, buyer_id, sum(orders) AS orders FROM seller_buyer_daily
              WHERE seller_id = $1 AND day BETWEEN $2 AND $3 GROUP BY 1, 2) b
        GROUP BY bucket
        UNION ALL
        SELECT NULL, count(*)::int, (count(*) FILTER (WHERE orders >= 2))::int
        FROM (SELECT buyer_id, sum(orders) AS orders FROM seller_buyer_daily WHERE seller_id = $1 AND day BETWEEN $2 AND $3 GROUP BY 1) t
        """;

    private static readonly string Views =
        $"""
        SELECT {Bucket}, sum(v.views)::bigint
        FROM product_views_daily v JOIN products p ON p.id = v.product_id
        WHERE p.seller_id = $1 AND v.day BETWEEN $2 AND $3 GROUP BY 1
        """;

    private static readonly string Top =
        $"""
        WITH sales AS (
            SELECT product_id, sum(units)::int AS units, sum(revenue)::bigint AS revenue, sum(refunds)::bigint AS refunds, sum(placed)::int AS placed
            FROM seller_product_daily WHERE seller_id = $1 AND day BETWEEN $2 AND $3 GROUP BY product_id
        ),
        viewed AS (
            SELECT product_id, sum(views)::bigint AS views FROM product_views_daily
            WHERE product_id IN (SELECT product_id FROM sales) AND day BETWEEN $2 AND $3 GROUP BY product_id
        )
        SELECT s.product_id, p.title, s.units, s.revenue, s.refunds, s.placed, coalesce(v.views, 0)
        FROM sales s LEFT JOIN viewed v USING (product_id) LEFT JOIN products p ON p.id = s.product_id
        ORDER BY s.revenue DESC, s.units DESC, s.placed DESC, s.product_id
        LIMIT {TopProductCount}
        """;

    /// <summary>The seller's figures per bucket of <paramref name="range"/>, their totals, and the top products by revenue.</summary>
    public static async Task<SellerAnalyticsResponse> SellerAsync(NpgsqlDataSource dataSource, Guid sellerId, AnalyticsRange range, string currency, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(range);
        await using var batch = dataSource.CreateBatch();
        foreach (var sql in new[] { Daily, Buyers, Views, Top })
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.Add(new NpgsqlParameter { Value = sellerId });
            command.Parameters.Add(new NpgsqlParameter { Value = range.From });
            command.Parameters.Add(new NpgsqlParameter { Value = range.To });
            if (!ReferenceEquals(sql, Top))
            {
                // The bucket's unit, for date_trunc: day, week (ISO, from Monday) or month.
                command.Parameters.Add(new NpgsqlParameter { Value = range.Granularity });
            }

            batch.BatchCommands.Add(command);
        }

        var days = new Dictionary<DateOnly, SalesFigures>();
        var buyers = new Dictionary<DateOnly, (int Buyers, int Repeat)>();
        var views = new Dictionary<DateOnly, long>();
        var top = new List<TopProduct>();
        (int Buyers, int Repeat) allBuyers = (0, 0);
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                days[reader.GetFieldValue<DateOnly>(0)] = Figures(
                    placed: reader.GetInt32(1), cancelled: reader.GetInt32(2), orders: reader.GetInt32(3), units: reader.GetInt32(4),
                    revenue: reader.GetInt64(5), fees: reader.GetInt64(6), refunds: reader.GetInt64(7), refundedUnits: reader.GetInt32(8));
            }

            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var counts = (reader.GetInt32(1), reader.GetInt32(2));
                if (reader.IsDBNull(0))
                {
                    allBuyers = counts;
                }
                else
                {
                    buyers[reader.GetFieldValue<DateOnly>(0)] = counts;
                }
            }

            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                views[reader.GetFieldValue<DateOnly>(0)] = reader.GetInt64(1);
            }

            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var (placed, productViews) = (reader.GetInt32(5), reader.GetInt64(6));
                top.Add(new TopProduct(reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt32(2), reader.GetInt64(3), reader.GetInt64(4), placed, productViews, Conversion(placed, productViews)));
            }
        }

        var buckets = range.Buckets().Select(b =>
        {
            var figures = days.GetValueOrDefault(b.Key) ?? Figures();
            var (bucketBuyers, repeat) = buyers.GetValueOrDefault(b.Key);
            var bucketViews = views.GetValueOrDefault(b.Key);
            return new SalesBucket(b.Start, b.End, figures with { Views = bucketViews, Conversion = Conversion(figures.Placed, bucketViews), Buyers = bucketBuyers, RepeatBuyers = repeat });
        }).ToList();
        var all = buckets.Select(b => b.Figures).ToList();
        var totals = Figures(
            placed: all.Sum(f => f.Placed), cancelled: all.Sum(f => f.Cancelled), orders: all.Sum(f => f.Orders), units: all.Sum(f => f.Units),
            revenue: all.Sum(f => f.Revenue), fees: all.Sum(f => f.Fees), refunds: all.Sum(f => f.Refunds), refundedUnits: all.Sum(f => f.RefundedUnits));
        var totalViews = all.Sum(f => f.Views);
        totals = totals with { Views = totalViews, Conversion = Conversion(totals.Placed, totalViews), Buyers = allBuyers.Buyers, RepeatBuyers = allBuyers.Repeat };
        return new SellerAnalyticsResponse(currency, range.From, range.To, range.Granularity, totals, buckets, top);
    }

    /// <summary>The additive figures, with the derived ones: average order value (rounded down) and net revenue.</summary>
    private static SalesFigures Figures(int placed = 0, int cancelled = 0, int orders = 0, int units = 0, long revenue = 0, long fees = 0, long refunds = 0, int refundedUnits = 0) =>
        new(revenue, orders, units, orders == 0 ? 0 : revenue / orders, refunds, refundedUnits, fees, revenue - refunds - fees, placed, cancelled, 0, null, 0, 0);

    /// <summary>Orders placed per view, to four decimals; null without views.</summary>
    private static double? Conversion(int placed, long views) => views == 0 ? null : Math.Round((double)placed / views, 4);
}
