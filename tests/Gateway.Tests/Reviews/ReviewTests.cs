using System.Net;
using System.Net.Http.Json;
using GrainMarket.Gateway.Tests.Orders;
using GrainMarket.Gateway.Tests.Returns;
using GrainMarket.Gateway.Tests.Support;
using GrainMarket.Reviews;
using Microsoft.Extensions.DependencyInjection;
using Orleans;

namespace GrainMarket.Gateway.Tests.Reviews;

/// <summary>Who may review what, once per order line, and the product's average kept exact by every change.</summary>
public sealed class ReviewTests(MarketplaceFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_review_without_a_delivered_purchase_of_the_product_is_refused()
    {
        await using var desk = await ReturnDesk.OpenAsync(factory, price: 1_000, stock: 5, funds: 10_000);
        var placed = (await Json.ReadAsync(await Shop.BuyNowAsync(desk.Buyer, desk.ProductId, 1), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var delivered = await desk.DeliveredOrderAsync(1);
        using var stranger = await new Shop(factory).BuyerAsync(0);

        await Problems.AssertAsync(await Reviewing.ReviewAsync(desk.Buyer, placed, desk.ProductId, 5), HttpStatusCode.Conflict, "purchase-not-verified");
        await Problems.AssertAsync(await Reviewing.ReviewAsync(desk.Buyer, delivered, Guid.NewGuid(), 5), HttpStatusCode.Conflict, "purchase-not-verified");
        await Problems.AssertAsync(await Reviewing.ReviewAsync(stranger, delivered, desk.ProductId, 5), HttpStatusCode.NotFound, "order-not-found", "orderId");
        await Problems.AssertAsync(await Reviewing.ReviewAsync(desk.Buyer, delivered, desk.ProductId, 6), HttpStatusCode.BadRequest, "validation-failed", "rating");

        Assert.Equal((0m, 0), await Reviewing.ProductRatingAsync(desk.Buyer, desk.ProductId));
        Assert.Null(await factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IReviewGrain>(ReviewIds.Review(placed, desk.ProductId)).GetAsync());
    }

    [Fact]
    public async Task A_second_review_of_the_same_order_line_is_refused_until_the_first_is_deleted()
    {
        await using var desk = await ReturnDesk.OpenAsync(factory, price: 1_000, stock: 5, funds: 10_000);
        var orderId = await desk.DeliveredOrderAsync(1);

        var first = await Json.ReadAsync(await Reviewing.ReviewAsync(desk.Buyer, orderId, desk.ProductId, 4), HttpStatusCode.Created);
        var reviewId = first.GetProperty("id").GetGuid();
        await Problems.AssertAsync(await Reviewing.ReviewAsync(desk.Buyer, orderId, desk.ProductId, 1), HttpStatusCode.Conflict, "review-exists");

        Assert.Equal(ReviewIds.Review(orderId, desk.ProductId), reviewId);
        Assert.Equal((desk.Seller.Id, 4), (first.GetProperty("sellerId").GetGuid(), first.GetProperty("rating").GetInt32()));
        Assert.Equal((4m, 1), await Reviewing.ProductRatingAsync(desk.Buyer, desk.ProductId));
        Assert.Contains(await ReturnDesk.NotificationIdsAsync(desk.Seller), id => id.StartsWith($"review-received:{reviewId:N}:", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.NoContent, (await desk.Buyer.Client.DeleteAsync(new Uri($"/api/reviews/{reviewId}", UriKind.Relative), Ct)).StatusCode);
        await Json.ReadAsync(await Reviewing.ReviewAsync(desk.Buyer, orderId, desk.ProductId, 2), HttpStatusCode.Created);
        Assert.Equal((2m, 1), await Reviewing.ProductRatingAsync(desk.Buyer, desk.ProductId));
    }

    [Fact]
    public async Task The_average_is_exact_after_every_create_edit_delete_hide_and_unhide()
    {
        await using var desk = await ReturnDesk.OpenAsync(factory, price: 1_000, stock: 5, funds: 10_000);
        var (first, second, third) = (await desk.DeliveredOrderAsync(1), await desk.DeliveredOrderAsync(1), await desk.DeliveredOrderAsync(1));
        var five = (await Json.ReadAsync(await Reviewing.ReviewAsync(desk.Buyer, first, desk.ProductId, 5), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var two = (await Json.ReadAsync(await Reviewing.ReviewAsync(desk.Buyer, second, desk.ProductId, 2), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var four = (await Json.ReadAsync(await Reviewing.ReviewAsync(desk.Buyer, third, desk.ProductId, 4), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await AssertRatingAsync(desk, 11, 3, 3.67m, five, two, four);

        var edited = await Json.ReadAsync(await Reviewing.EditAsync(desk.Buyer, two, new { rating = 3, text = "Better than I first said." }));
        Assert.Equal((3, "Better than I first said."), (edited.GetProperty("rating").GetInt32(), edited.GetProperty("text").GetString()));
        await AssertRatingAsync(desk, 12, 3, 4m, two);

        await Json.ReadAsync(await Reviewing.EditAsync(desk.Buyer, two, new { text = "Only the text changes." }));
        await AssertRatingAsync(desk, 12, 3, 4m, two);

        Assert.Equal(HttpStatusCode.NoContent, (await desk.Buyer.Client.DeleteAsync(new Uri($"/api/reviews/{five}", UriKind.Relative), Ct)).StatusCode);
        await AssertRatingAsync(desk, 7, 2, 3.5m, five);

        await ReturnDesk.StepAsync(desk.Admin, $"/api/admin/reviews/{four}/hide", new { reason = "Abusive language." });
        await AssertRatingAsync(desk, 3, 1, 3m, four);
        await ReturnDesk.StepAsync(desk.Admin, $"/api/admin/reviews/{four}/unhide");
        await AssertRatingAsync(desk, 7, 2, 3.5m, four);
    }

    [Fact]
    public async Task Only_the_author_edits_or_deletes_a_review_and_a_deleted_one_is_gone()
    {
        await using var desk = await ReturnDesk.OpenAsync(factory, price: 1_000, stock: 5, funds: 10_000);
        var orderId = await desk.DeliveredOrderAsync(1);
        var reviewId = (await Json.ReadAsync(await Reviewing.ReviewAsync(desk.Buyer, orderId, desk.ProductId, 5), HttpStatusCode.Created)).GetProperty("id").GetGuid();

        await Problems.AssertAsync(await Reviewing.EditAsync(desk.Seller, reviewId, new { rating = 1 }), HttpStatusCode.Forbidden, "forbidden");
        await Problems.AssertAsync(await desk.Admin.Client.DeleteAsync(new Uri($"/api/reviews/{reviewId}", UriKind.Relative), Ct), HttpStatusCode.Forbidden, "forbidden");
        await Problems.AssertAsync(await Reviewing.EditAsync(desk.Buyer, reviewId, new { rating = 0 }), HttpStatusCode.BadRequest, "validation-failed", "rating");
        Assert.Equal((5m, 1), await Reviewing.ProductRatingAsync(desk.Buyer, desk.ProductId));

        Assert.Equal(HttpStatusCode.NoContent, (await desk.Buyer.Client.DeleteAsync(new Uri($"/api/reviews/{reviewId}", UriKind.Relative), Ct)).StatusCode);
        await Problems.AssertAsync(await desk.Buyer.Client.DeleteAsync(new Uri($"/api/reviews/{reviewId}", UriKind.Relative), Ct), HttpStatusCode.NotFound, "review-not-found");
        await Problems.AssertAsync(await desk.Buyer.Client.GetAsync(new Uri($"/api/reviews/{reviewId}", UriKind.Relative), Ct), HttpStatusCode.NotFound, "review-not-found");
        Assert.Equal((0m, 0), await Reviewing.ProductRatingAsync(desk.Buyer, desk.ProductId));
    }

    [Fact]
    public async Task Concurrent_reviews_and_edits_of_one_product_keep_its_total_and_count_exact()
    {
        const int Orders = 20;
        await using var desk = await ReturnDesk.OpenAsync(factory, price: 100, stock: Orders, funds: 10_000);
        var orders = new List<Guid>();
        for (var i = 0; i < Orders; i++)
        {
            orders.Add(await desk.DeliveredOrderAsync(1));
        }

        var reviewed = orders[..(Orders / 2)];
        var (fresh, earlier) = (orders[(Orders / 2)..], await Task.WhenAll(reviewed.Select((o, i) => Reviewing.ReviewAsync(desk.Buyer, o, desk.ProductId, (i % 5) + 1))));
        Assert.All(earlier, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));

        // Half the orders get a new review while the other half's reviews are all raised to five stars, at once.
        var answers = await Task.WhenAll(
            fresh.Select((o, i) => Reviewing.ReviewAsync(desk.Buyer, o, desk.ProductId, (i % 5) + 1))
                .Concat(reviewed.Select(o => Reviewing.EditAsync(desk.Buyer, ReviewIds.Review(o, desk.ProductId), new { rating = 5 }))));

        Assert.Equal((Orders / 2, Orders / 2), (answers.Count(a => a.StatusCode == HttpStatusCode.Created), answers.Count(a => a.StatusCode == HttpStatusCode.OK)));
        var expectedTotal = (5 * (Orders / 2)) + fresh.Select((_, i) => (i % 5) + 1).Sum();
        Assert.Equal(80, expectedTotal);
        await AssertRatingAsync(desk, expectedTotal, Orders, 4m, [.. orders.Select(o => ReviewIds.Review(o, desk.ProductId))]);
    }

    [Fact]
    public async Task Helpful_votes_count_once_per_user_never_the_authors_and_order_the_list()
    {
        await using var desk = await ReturnDesk.OpenAsync(factory, price: 1_000, stock: 5, funds: 10_000);
        var (first, second) = (await desk.DeliveredOrderAsync(1), await desk.DeliveredOrderAsync(1));
        var older = (await Json.ReadAsync(await Reviewing.ReviewAsync(desk.Buyer, first, desk.ProductId, 3), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var newer = (await Json.ReadAsync(await Reviewing.ReviewAsync(desk.Buyer, second, desk.ProductId, 4), HttpStatusCode.Created)).GetProperty("id").GetGuid();

        await Problems.AssertAsync(await desk.Buyer.Client.PostAsync(new Uri($"/api/reviews/{older}/helpful", UriKind.Relative), null, Ct), HttpStatusCode.Conflict, "cannot-vote-own-review");
        await ReturnDesk.StepAsync(desk.Seller, $"/api/reviews/{older}/helpful");
        var again = await ReturnDesk.StepAsync(desk.Seller, $"/api/reviews/{older}/helpful");
        var secondVote = await ReturnDesk.StepAsync(desk.Courier, $"/api/reviews/{older}/helpful");

        Assert.Equal((1, 2), (again.GetProperty("helpful").GetInt32(), secondVote.GetProperty("helpful").GetInt32()));
        await Reviewing.ConfirmedAsync(factory, desk.ProductId, older, newer);
        Assert.Equal([newer, older], await ListAsync(desk, ""));
        Assert.Equal([older, newer], await ListAsync(desk, "?sort=helpful"));
        var firstPage = await Json.ReadAsync(await desk.Buyer.Client.GetAsync(new Uri($"/api/products/{desk.ProductId}/reviews?sort=helpful&limit=1", UriKind.Relative), Ct));
        var next = firstPage.GetProperty("next").GetString();
        Assert.Equal([newer], await ListAsync(desk, $"?sort=helpful&limit=1&cursor={next}"));
        await Problems.AssertAsync(await desk.Buyer.Client.GetAsync(new Uri($"/api/products/{desk.ProductId}/reviews?sort=best", UriKind.Relative), Ct), HttpStatusCode.BadRequest, "validation-failed", "sort");
    }

    [Fact]
    public async Task A_hidden_review_leaves_the_list_and_only_its_author_and_admins_still_see_it()
    {
        await using var desk = await ReturnDesk.OpenAsync(factory, price: 1_000, stock: 5, funds: 10_000);
        var orderId = await desk.DeliveredOrderAsync(1);
        var reviewId = (await Json.ReadAsync(await Reviewing.ReviewAsync(desk.Buyer, orderId, desk.ProductId, 1, "Rude words."), HttpStatusCode.Created)).GetProperty("id").GetGuid();

        var hidden = await ReturnDesk.StepAsync(desk.Admin, $"/api/admin/reviews/{reviewId}/hide", new { reason = "Abusive language." });

        Assert.Equal((true, "Abusive language."), (hidden.GetProperty("hidden").GetBoolean(), hidden.GetProperty("hiddenReason").GetString()));
        await Reviewing.ConfirmedAsync(factory, desk.ProductId, reviewId);
        Assert.Empty(await ListAsync(desk, ""));
        await Problems.AssertAsync(await desk.Seller.Client.GetAsync(new Uri($"/api/reviews/{reviewId}", UriKind.Relative), Ct), HttpStatusCode.NotFound, "review-not-found");
        await Problems.AssertAsync(await desk.Seller.Client.PostAsync(new Uri($"/api/reviews/{reviewId}/helpful", UriKind.Relative), null, Ct), HttpStatusCode.NotFound, "review-not-found");
        Assert.True((await Json.ReadAsync(await desk.Buyer.Client.GetAsync(new Uri($"/api/reviews/{reviewId}", UriKind.Relative), Ct))).GetProperty("hidden").GetBoolean());
        await Problems.AssertAsync(await desk.Admin.Client.PostAsJsonAsync($"/api/admin/reviews/{reviewId}/hide", new { reason = " " }, Ct), HttpStatusCode.BadRequest, "validation-failed", "reason");
    }

    /// <summary>Asserts the product's rating from its grain-backed GET and, once confirmed, its search row: exact total, count and average.</summary>
    private async Task AssertRatingAsync(ReturnDesk desk, long total, int count, decimal average, params Guid[] changed)
    {
        Assert.Equal((average, count), await Reviewing.ProductRatingAsync(desk.Buyer, desk.ProductId));
        await Reviewing.ConfirmedAsync(factory, desk.ProductId, changed);
        Assert.Equal((total, count, average), await Reviewing.ProductRowAsync(desk.ProductId));
        var page = await Json.ReadAsync(await desk.Buyer.Client.GetAsync(new Uri($"/api/products/{desk.ProductId}/reviews", UriKind.Relative), Ct));
        Assert.Equal((average, count), (page.GetProperty("rating").GetProperty("average").GetDecimal(), page.GetProperty("rating").GetProperty("count").GetInt32()));
    }

    private static async Task<List<Guid>> ListAsync(ReturnDesk desk, string query)
    {
        var page = await Json.ReadAsync(await desk.Buyer.Client.GetAsync(new Uri($"/api/products/{desk.ProductId}/reviews{query}", UriKind.Relative), Ct));
        return [.. page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetGuid())];
    }
}
