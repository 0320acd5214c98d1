using System.Globalization;
using System.Net;
using System.Text.Json;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Analytics;

/// <summary>
/// <c>GET /api/seller/analytics</c> over <see cref="AnalyticsMarket"/>'s two days and two sellers, every figure exact
/// (docs/analytics.md): the platform fee is 2% rounded down, and the day-2 refund after settlement gives back the fee on
/// its 100.00 (400 − 200 = 200).
/// </summary>
[Collection(nameof(AnalyticsCollection))]
public sealed class SellerAnalyticsTests(AnalyticsMarket market)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_sellers_days_count_placed_cancelled_completed_refunded_and_viewed_orders_exactly()
    {
        var answer = await AnalyticsAsync(market.SellerA, $"from={market.Day1:yyyy-MM-dd}&to={market.Day2:yyyy-MM-dd}&granularity=day");
        Assert.Equal(("USD", "day"), (answer.GetProperty("currency").GetString(), answer.GetProperty("granularity").GetString()));
        var buckets = answer.GetProperty("buckets").EnumerateArray().ToList();
        Assert.Equal([(market.Day1, market.Day1), (market.Day2, market.Day2)], buckets.Select(Span));

        // Day 1: X's 2 × A1 and Y's 2 × A2 (of the cart) completed, Y's A2 cancelled; 3 orders placed, 6 views.
        AssertFigures(buckets[0].GetProperty("figures"), revenue: 25_000, orders: 2, units: 4, aov: 12_500, refunds: 0, refundedUnits: 0, fees: 500, net: 24_500, placed: 3, cancelled: 1, views: 6, conversion: 0.5, buyers: 2, repeat: 0);

        // Day 2: X's 1 × A1 completed, 1 × A1 refunded after settlement (fee back 200), Y's A1 placed; 1 view.
        AssertFigures(buckets[1].GetProperty("figures"), revenue: 10_000, orders: 1, units: 1, aov: 10_000, refunds: 10_000, refundedUnits: 1, fees: 0, net: 0, placed: 2, cancelled: 0, views: 1, conversion: 2.0, buyers: 1, repeat: 0);

        // Over both days X completed two orders: the one repeat buyer.
        AssertFigures(answer.GetProperty("totals"), revenue: 35_000, orders: 3, units: 5, aov: 11_666, refunds: 10_000, refundedUnits: 1, fees: 500, net: 24_500, placed: 5, cancelled: 1, views: 7, conversion: 0.7143, buyers: 2, repeat: 1);

        var top = answer.GetProperty("topProducts").EnumerateArray().ToList();
        Assert.Equal(
            [(market.A1, "A1", 3, 30_000L, 10_000L, 3, 5L, (double?)0.6), (market.A2, "A2", 2, 5_000L, 0L, 2, 2L, 1.0)],
            top.Select(p => (p.GetProperty("productId").GetGuid(), p.GetProperty("title").GetString(), p.GetProperty("units").GetInt32(), p.GetProperty("revenue").GetInt64(),
                p.GetProperty("refunds").GetInt64(), p.GetProperty("placed").GetInt32(), p.GetProperty("views").GetInt64(), Conversion(p))));

        // What the seller's wallet received is the net revenue: 19,600 + 4,900 + 9,800 − 9,800 paid back for the refund.
        Assert.Equal(24_500, (await Json.ReadAsync(await market.SellerA.Client.GetAsync(new Uri("/api/wallet", UriKind.Relative), Ct))).GetProperty("balance").GetInt64());
    }

    [Fact]
    public async Task Another_seller_sees_only_their_lines_of_a_shared_cart()
    {
        var answer = await AnalyticsAsync(market.SellerB, $"from={market.Day1:yyyy-MM-dd}&to={market.Day2:yyyy-MM-dd}");
        AssertFigures(answer.GetProperty("totals"), revenue: 12_000, orders: 1, units: 3, aov: 12_000, refunds: 0, refundedUnits: 0, fees: 240, net: 11_760, placed: 1, cancelled: 0, views: 0, conversion: null, buyers: 1, repeat: 0);
        var product = Assert.Single(answer.GetProperty("topProducts").EnumerateArray());
        Assert.Equal((market.B1, 3, 12_000L, (double?)null), (product.GetProperty("productId").GetGuid(), product.GetProperty("units").GetInt32(), product.GetProperty("revenue").GetInt64(), Conversion(product)));
    }

    [Fact]
    public async Task Weeks_start_on_monday_and_months_on_the_first_clipped_to_the_range()
    {
        var from = market.Day1.AddDays(-20);
        var to = market.Day2.AddDays(20);
        foreach (var granularity in new[] { "week", "month" })
        {
            var answer = await AnalyticsAsync(market.SellerA, $"from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}&granularity={granularity}");
            var buckets = answer.GetProperty("buckets").EnumerateArray().ToList();
            var spans = buckets.Select(Span).ToList();
            Assert.Equal(from, spans[0].Start);
            Assert.Equal(to, spans[^1].End);
            for (var i = 0; i < spans.Count; i++)
            {
                Assert.True(i == 0 || spans[i].Start == spans[i - 1].End.AddDays(1), $"{granularity} bucket {i} does not follow the one before");
                Assert.True(i == 0 || (granularity == "week" ? spans[i].Start.DayOfWeek == DayOfWeek.Monday : spans[i].Start.Day == 1), $"{granularity} bucket {i} starts on {spans[i].Start}");
                Assert.True(i == spans.Count - 1 || (granularity == "week" ? spans[i].End.DayOfWeek == DayOfWeek.Sunday : spans[i].End.AddDays(1).Day == 1), $"{granularity} bucket {i} ends on {spans[i].End}");
            }

            // Each day's revenue lands in the bucket holding it (both days may share one).
            var revenue = buckets.ToDictionary(b => Span(b), b => b.GetProperty("figures").GetProperty("revenue").GetInt64());
            var expected = spans.ToDictionary(s => s, s => (s.Start <= market.Day1 && market.Day1 <= s.End ? 25_000L : 0) + (s.Start <= market.Day2 && market.Day2 <= s.End ? 10_000L : 0));
            Assert.Equal(expected, revenue);
            Assert.Equal(35_000, answer.GetProperty("totals").GetProperty("revenue").GetInt64());
            Assert.Equal(1, answer.GetProperty("totals").GetProperty("repeatBuyers").GetInt32());
        }
    }

    [Theory]
    [InlineData("from=2026-12-10&to=2026-12-01", "to")]
    [InlineData("from=2025-01-01&to=2026-01-02", "from")]
    [InlineData("from=2026-13-01&to=2026-12-01", "from")]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=2026-02-30", "to")]
    [InlineData("from=2026-12-01&to=2026-12-02&granularity=year", "granularity")]
    public async Task A_bad_range_is_refused_naming_the_field(string query, string field)
    {
        await Problems.AssertAsync(await market.SellerA.Client.GetAsync(new Uri($"/api/seller/analytics?{query}", UriKind.Relative), Ct), HttpStatusCode.BadRequest, "validation-failed", field);
    }

    [Fact]
    public async Task The_longest_range_is_366_days_and_the_default_the_30_days_to_today()
    {
        var longest = await AnalyticsAsync(market.SellerA, "from=2024-01-01&to=2024-12-31");
        Assert.Equal(366, longest.GetProperty("buckets").GetArrayLength());

        var fallback = await AnalyticsAsync(market.SellerA, "");
        var today = DateOnly.Parse(fallback.GetProperty("to").GetString()!, CultureInfo.InvariantCulture);
        Assert.Equal((market.Day2, today.AddDays(-29), 30), (today, DateOnly.Parse(fallback.GetProperty("from").GetString()!, CultureInfo.InvariantCulture), fallback.GetProperty("buckets").GetArrayLength()));
        Assert.Equal(35_000, fallback.GetProperty("totals").GetProperty("revenue").GetInt64());
    }

    private async Task<JsonElement> AnalyticsAsync(TestUser seller, string query)
    {
        await market.ConfirmedAsync();
        return await Json.ReadAsync(await seller.Client.GetAsync(new Uri($"/api/seller/analytics?{query}", UriKind.Relative), Ct));
    }

    private static (DateOnly Start, DateOnly End) Span(JsonElement bucket) =>
        (DateOnly.Parse(bucket.GetProperty("start").GetString()!, CultureInfo.InvariantCulture), DateOnly.Parse(bucket.GetProperty("end").GetString()!, CultureInfo.InvariantCulture));

    private static double? Conversion(JsonElement figures) =>
        figures.GetProperty("conversion").ValueKind == JsonValueKind.Null ? null : figures.GetProperty("conversion").GetDouble();

    private static void AssertFigures(
        JsonElement f, long revenue, int orders, int units, long aov, long refunds, int refundedUnits, long fees, long net, int placed, int cancelled, long views, double? conversion, int buyers, int repeat)
    {
        Assert.Equal(
            (revenue, orders, units, aov, refunds, refundedUnits, fees, net),
            (f.GetProperty("revenue").GetInt64(), f.GetProperty("orders").GetInt32(), f.GetProperty("units").GetInt32(), f.GetProperty("averageOrderValue").GetInt64(),
             f.GetProperty("refunds").GetInt64(), f.GetProperty("refundedUnits").GetInt32(), f.GetProperty("fees").GetInt64(), f.GetProperty("netRevenue").GetInt64()));
        Assert.Equal(
            (placed, cancelled, views, conversion, buyers, repeat),
            (f.GetProperty("placed").GetInt32(), f.GetProperty("cancelled").GetInt32(), f.GetProperty("views").GetInt64(), Conversion(f), f.GetProperty("buyers").GetInt32(), f.GetProperty("repeatBuyers").GetInt32()));
    }
}
