using System.Net;
using GrainMarket.Gateway.Tests.Orders;
using GrainMarket.Gateway.Tests.Returns;
using GrainMarket.Gateway.Tests.Support;
using GrainMarket.Reviews;
using Microsoft.Extensions.DependencyInjection;
using Orleans;

namespace GrainMarket.Gateway.Tests.Reviews;

/// <summary>A buyer rates each seller of a delivered order once; the seller's score is exact; anyone signed in rates the platform.</summary>
public sealed class FeedbackTests(MarketplaceFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_buyer_rates_the_seller_of_an_order_once_and_the_score_is_exact()
    {
        await using var desk = await ReturnDesk.OpenAsync(factory, price: 1_000, stock: 5, funds: 10_000);
        var (first, second) = (await desk.DeliveredOrderAsync(1), await desk.DeliveredOrderAsync(1));

        var given = await Json.ReadAsync(await Reviewing.FeedbackAsync(desk.Buyer, first, new { rating = 5, text = "Fast and friendly." }), HttpStatusCode.Created);
        await Problems.AssertAsync(await Reviewing.FeedbackAsync(desk.Buyer, first, new { rating = 1, text = "Changed my mind.", sellerId = desk.Seller.Id }), HttpStatusCode.Conflict, "feedback-exists");
        await Json.ReadAsync(await Reviewing.FeedbackAsync(desk.Buyer, second, new { rating = 2, text = "Slow this time.", sellerId = desk.Seller.Id }), HttpStatusCode.Created);

        Assert.Equal((ReviewIds.SellerFeedback(first, desk.Seller.Id), desk.Seller.Id), (given.GetProperty("id").GetGuid(), given.GetProperty("sellerId").GetGuid()));
        await ConfirmedAsync(desk.Seller.Id, given.GetProperty("id").GetGuid(), ReviewIds.SellerFeedback(second, desk.Seller.Id));
        var page = await Json.ReadAsync(await desk.Buyer.Client.GetAsync(new Uri($"/api/sellers/{desk.Seller.Id}/feedback", UriKind.Relative), Ct));
        Assert.Equal((3.5m, 2), (page.GetProperty("score").GetProperty("average").GetDecimal(), page.GetProperty("score").GetProperty("count").GetInt32()));
        Assert.Equal([second, first], [.. page.GetProperty("items").EnumerateArray().Select(f => f.GetProperty("orderId").GetGuid())]);
        Assert.Contains(await ReturnDesk.NotificationIdsAsync(desk.Seller), id => id == $"feedback-received:{given.GetProperty("id").GetGuid():N}");
    }

    [Fact]
    public async Task Feedback_before_delivery_or_on_someone_elses_order_is_refused()
    {
        await using var desk = await ReturnDesk.OpenAsync(factory, price: 1_000, stock: 5, funds: 10_000);
        var placed = (await Json.ReadAsync(await Shop.BuyNowAsync(desk.Buyer, desk.ProductId, 1), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var delivered = await desk.DeliveredOrderAsync(1);
        using var stranger = await new Shop(factory).BuyerAsync(0);

        await Problems.AssertAsync(await Reviewing.FeedbackAsync(desk.Buyer, placed, new { rating = 4, text = "Not here yet." }), HttpStatusCode.Conflict, "purchase-not-verified");
        await Problems.AssertAsync(await Reviewing.FeedbackAsync(stranger, delivered, new { rating = 1, text = "Not mine." }), HttpStatusCode.NotFound, "order-not-found", "orderId");
        await Problems.AssertAsync(await Reviewing.FeedbackAsync(stranger, delivered, new { rating = 1, text = "Not mine.", sellerId = desk.Seller.Id }), HttpStatusCode.NotFound, "order-not-found", "orderId");
        await Problems.AssertAsync(await Reviewing.FeedbackAsync(desk.Buyer, delivered, new { rating = 4, text = "Wrong seller.", sellerId = desk.Courier.Id }), HttpStatusCode.Conflict, "purchase-not-verified");
        await Problems.AssertAsync(await Reviewing.FeedbackAsync(desk.Buyer, delivered, new { rating = 0, text = "Zero." }), HttpStatusCode.BadRequest, "validation-failed", "rating");

        var tally = await factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IRatingTallyGrain>(ReviewIds.SellerTally(desk.Seller.Id)).GetAsync();
        Assert.Equal(new RatingTally(0, 0), tally);
    }

    [Fact]
    public async Task Platform_feedback_from_any_user_reaches_the_admins_list_once_per_key()
    {
        using var admin = await TestUsers.AdminAsync(factory);
        using var courier = await TestUsers.CreateAsync(factory, "courier");
        var key = Guid.NewGuid().ToString();

        var sent = await Json.ReadAsync(await courier.Client.SendAsync(Shop.Post("/api/feedback", new { rating = 4, text = "Routes are clear." }, key), Ct), HttpStatusCode.Created);
        var again = await Json.ReadAsync(await courier.Client.SendAsync(Shop.Post("/api/feedback", new { rating = 4, text = "Routes are clear." }, key), Ct), HttpStatusCode.Created);

        var id = sent.GetProperty("id").GetGuid();
        Assert.Equal((id, courier.Id, 4), (again.GetProperty("id").GetGuid(), sent.GetProperty("userId").GetGuid(), sent.GetProperty("rating").GetInt32()));
        var mine = await FindAsync(admin, id);
        Assert.Equal(("Routes are clear.", 4), (mine.GetProperty("text").GetString(), mine.GetProperty("rating").GetInt32()));
        await Problems.AssertAsync(await courier.Client.SendAsync(Shop.Post("/api/feedback", new { rating = 9, text = "Too many stars." }, Guid.NewGuid().ToString()), Ct), HttpStatusCode.BadRequest, "validation-failed", "rating");
    }

    /// <summary>Walks the admins' pages (newest first) until the feedback appears; the write projects with the grain's own write, so it is there.</summary>
    private static async Task<System.Text.Json.JsonElement> FindAsync(TestUser admin, Guid id)
    {
        string? cursor = null;
        do
        {
            var page = await Json.ReadAsync(await admin.Client.GetAsync(new Uri($"/api/admin/feedback?limit=100{(cursor is null ? "" : $"&cursor={cursor}")}", UriKind.Relative), Ct));
            foreach (var item in page.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("id").GetGuid() == id))
            {
                return item;
            }

            cursor = page.GetProperty("next").GetString();
        }
        while (cursor is not null);
        throw new Xunit.Sdk.XunitException($"Platform feedback {id} is not in the admins' list.");
    }

    private async Task ConfirmedAsync(Guid sellerId, params Guid[] feedbackIds)
    {
        var grains = factory.Services.GetRequiredService<IGrainFactory>();
        var database = await TestDatabase.GetDataSourceAsync(Ct);
        foreach (var feedbackId in feedbackIds)
        {
            await StoredState.ConfirmedAsync(database, grains.GetGrain<ISellerFeedbackGrain>(feedbackId).GetGrainId(), "feedback", Ct);
        }

        await StoredState.ConfirmedAsync(database, grains.GetGrain<IRatingTallyGrain>(ReviewIds.SellerTally(sellerId)).GetGrainId(), "tally", Ct);
    }
}
