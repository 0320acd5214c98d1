using System.Globalization;
using System.Net;
using System.Text.Json;
using GrainMarket.Gateway.Tests.Returns;
using GrainMarket.Gateway.Tests.Support;
using GrainMarket.Promoters;
using Microsoft.Extensions.DependencyInjection;
using Orleans;

namespace GrainMarket.Gateway.Tests.Promoters;

/// <summary>The promoter's dashboard: clicks, referred orders and commission per day, from the read models.</summary>
public sealed class DashboardTests(MarketplaceFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_dashboard_shows_exact_clicks_orders_and_pending_paid_and_clawed_back_commission_per_day()
    {
        await using var desk = await ReturnDesk.OpenAsync(factory, price: 10_000, stock: 10, funds: 100_000);
        using var promoter = await Referrals.PromoterAsync(factory);
        var code = await Referrals.CodeAsync(promoter, desk.ProductId);
        await Referrals.RuleAsync(desk.Admin, new { productId = desk.ProductId, rateBps = 500, fundedBy = "seller" });
        var (_, _, cookie) = await Referrals.FollowAsync(factory, code);
        await Referrals.FollowAsync(factory, code);

        // Completed: 3 units, 1,500 paid, then one unit refunded (500 clawed back). Placed only: 2 units, 1,000 pending.
        var completed = (await Referrals.DeliveredAsync(desk, 3, null, cookie)).GetProperty("id").GetGuid();
        await ReturnDesk.StepAsync(desk.Buyer, $"/api/orders/{completed}/complete");
        var returnId = await desk.RequestedAsync(completed, 1);
        await desk.InspectedAsync(returnId, "resellable");
        await Json.ReadAsync(await desk.DecideAsync(returnId, "refund"));
        var pending = (await Json.ReadAsync(await Referrals.BuyNowAsync(desk.Buyer, desk.ProductId, 2, code), HttpStatusCode.Created)).GetProperty("id").GetGuid();

        await Confirmations.OrderAsync(factory, completed);
        await Confirmations.OrderAsync(factory, pending);
        await StoredState.ConfirmedAsync(await TestDatabase.GetDataSourceAsync(Ct), factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IReferralCodeGrain>(code.ToUpperInvariant()).GetGrainId(), "referralcode", Ct);

        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var dashboard = await Json.ReadAsync(await promoter.Client.GetAsync(new Uri($"/api/promoter/dashboard?from={today}&to={today}", UriKind.Relative), Ct));
        var day = Assert.Single(dashboard.GetProperty("days").EnumerateArray());
        Assert.Equal((today, 2L, 2L, 1_000L, 1_500L, 500L), Figures(day));
        Assert.Equal((today, 2L, 2L, 1_000L, 1_500L, 500L), Figures(dashboard.GetProperty("totals")));

        // Other days have nothing; the range must be in order.
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var before = await Json.ReadAsync(await promoter.Client.GetAsync(new Uri($"/api/promoter/dashboard?from={yesterday}&to={yesterday}", UriKind.Relative), Ct));
        Assert.Equal((yesterday, 0L, 0L, 0L, 0L, 0L), Figures(Assert.Single(before.GetProperty("days").EnumerateArray())));
        await Problems.AssertAsync(await promoter.Client.GetAsync(new Uri($"/api/promoter/dashboard?from={today}&to={yesterday}", UriKind.Relative), Ct), HttpStatusCode.BadRequest, "validation-failed", "from");
    }

    [Fact]
    public async Task A_promoter_lists_their_own_codes_with_their_clicks()
    {
        using var promoter = await Referrals.PromoterAsync(factory);
        using var other = await Referrals.PromoterAsync(factory);
        var first = await Referrals.CodeAsync(promoter, code: "a" + Referrals.NewCode());
        var second = await Referrals.CodeAsync(promoter, code: "b" + Referrals.NewCode());
        await Referrals.CodeAsync(other);
        await Referrals.FollowAsync(factory, first);
        await StoredState.ConfirmedAsync(await TestDatabase.GetDataSourceAsync(Ct), factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IReferralCodeGrain>(first.ToUpperInvariant()).GetGrainId(), "referralcode", Ct);

        var page = await Json.ReadAsync(await promoter.Client.GetAsync(new Uri("/api/promoter/referrals?limit=1", UriKind.Relative), Ct));
        var item = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal((first.ToUpperInvariant(), 1L, $"/r/{first.ToUpperInvariant()}"), (item.GetProperty("code").GetString(), item.GetProperty("clicks").GetInt64(), item.GetProperty("link").GetString()));
        var rest = await Json.ReadAsync(await promoter.Client.GetAsync(new Uri($"/api/promoter/referrals?limit=10&cursor={page.GetProperty("next").GetString()}", UriKind.Relative), Ct));
        Assert.Equal([second.ToUpperInvariant()], rest.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetString()));
    }

    private static (string?, long, long, long, long, long) Figures(JsonElement day) =>
        (day.GetProperty("day").GetString(), day.GetProperty("clicks").GetInt64(), day.GetProperty("referredOrders").GetInt64(),
         day.GetProperty("pendingCommission").GetInt64(), day.GetProperty("paidCommission").GetInt64(), day.GetProperty("clawedBackCommission").GetInt64());
}
