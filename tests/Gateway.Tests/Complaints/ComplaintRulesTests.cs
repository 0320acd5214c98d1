using System.Net;
using System.Net.Http.Json;
using GrainMarket.Gateway.Tests.Catalog;
using GrainMarket.Gateway.Tests.Orders;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Complaints;

/// <summary>Who may complain about what, who sees a complaint, and that a retried request opens nothing twice.</summary>
public sealed class ComplaintRulesTests(MarketplaceFactory factory)
{
    [Fact]
    public async Task Nobody_complains_about_themselves_or_about_someone_they_have_no_order_with()
    {
        using var desk = await ComplaintDesk.OpenAsync(factory);
        using var stranger = await TestUsers.CreateAsync(factory, "buyer");

        await Problems.AssertAsync(await ComplaintDesk.ComplainAsync(desk.Seller, "product", desk.ProductId), (HttpStatusCode)422, "cannot-complain-about-self", "subjectId");
        await Problems.AssertAsync(await ComplaintDesk.ComplainAsync(desk.Buyer, "buyer", desk.Buyer.Id), (HttpStatusCode)422, "cannot-complain-about-self", "subjectId");
        await Problems.AssertAsync(await ComplaintDesk.ComplainAsync(stranger, "seller", desk.Seller.Id), HttpStatusCode.NotFound, "user-not-found", "subjectId");
        await Problems.AssertAsync(await ComplaintDesk.ComplainAsync(desk.Seller, "buyer", stranger.Id), HttpStatusCode.NotFound, "user-not-found", "subjectId");
        await Problems.AssertAsync(await ComplaintDesk.ComplainAsync(stranger, "order", desk.OrderId), HttpStatusCode.NotFound, "order-not-found", "subjectId");
        await Problems.AssertAsync(await ComplaintDesk.ComplainAsync(stranger, "product", Guid.NewGuid()), HttpStatusCode.NotFound, "product-not-found", "subjectId");
        await Problems.AssertAsync(await ComplaintDesk.ComplainAsync(stranger, "listing", desk.ProductId), HttpStatusCode.BadRequest, "validation-failed", "subject");

        var sellers = await ComplaintDesk.ComplainedAsync(desk.Seller, "order", desk.OrderId);
        var strangers = await ComplaintDesk.ComplainedAsync(stranger, "product", desk.ProductId);
        Assert.Equal(desk.Buyer.Id, (await ComplaintDesk.GetAsync(desk.Buyer, $"/api/complaints/{sellers}")).GetProperty("otherPartyId").GetGuid());
        Assert.Equal(desk.Seller.Id, (await ComplaintDesk.GetAsync(desk.Seller, $"/api/complaints/{strangers}")).GetProperty("otherPartyId").GetGuid());
    }

    [Fact]
    public async Task A_buyers_complaint_about_an_order_of_several_sellers_names_the_seller_it_is_against()
    {
        var shop = new Shop(factory);
        var category = await shop.CategoryAsync();
        using var first = await TestUsers.CreateAsync(factory, "seller");
        using var second = await TestUsers.CreateAsync(factory, "seller");
        using var buyer = await shop.BuyerAsync(5_000);
        foreach (var seller in new[] { first, second })
        {
            var product = await CatalogSeed.ProductIdAsync(seller, category, price: 500, stock: 3);
            await Json.ReadAsync(await buyer.Client.PutAsJsonAsync($"/api/cart/items/{product}", new { quantity = 1 }, TestContext.Current.CancellationToken));
        }

        var orderId = (await Json.ReadAsync(await Shop.CheckoutAsync(buyer), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await Problems.AssertAsync(await ComplaintDesk.ComplainAsync(buyer, "order", orderId), HttpStatusCode.BadRequest, "validation-failed", "sellerId");
        await Problems.AssertAsync(await SellerComplaintAsync(buyer, orderId, buyer.Id), HttpStatusCode.BadRequest, "validation-failed", "sellerId");

        var against = await Json.ReadAsync(await SellerComplaintAsync(buyer, orderId, second.Id), HttpStatusCode.Created);

        Assert.Equal((second.Id, true), (against.GetProperty("otherPartyId").GetGuid(), against.GetProperty("againstSeller").GetBoolean()));
        await Problems.AssertAsync(await SellerComplaintAsync(first, orderId, second.Id), HttpStatusCode.BadRequest, "validation-failed", "sellerId");
    }

    [Fact]
    public async Task Only_the_parties_and_admins_see_a_complaint()
    {
        using var desk = await ComplaintDesk.OpenAsync(factory);
        using var stranger = await TestUsers.CreateAsync(factory, "buyer");
        var id = await ComplaintDesk.ComplainedAsync(desk.Buyer, "seller", desk.Seller.Id);

        await Problems.AssertAsync(await stranger.Client.GetAsync(new Uri($"/api/complaints/{id}", UriKind.Relative), TestContext.Current.CancellationToken), HttpStatusCode.NotFound, "complaint-not-found");
        await Problems.AssertAsync(await ComplaintDesk.PostAsync(stranger, $"/api/complaints/{id}/response", new { text = "Not mine." }), HttpStatusCode.NotFound, "complaint-not-found");
        Assert.Empty((await ComplaintDesk.GetAsync(stranger, "/api/complaints")).GetProperty("items").EnumerateArray());
        Assert.Equal("open", (await ComplaintDesk.GetAsync(desk.Admin, $"/api/complaints/{id}")).GetProperty("status").GetString());
        await Problems.AssertAsync(await ComplaintDesk.PostAsync(desk.Admin, $"/api/admin/complaints/{Guid.NewGuid()}/review"), HttpStatusCode.NotFound, "complaint-not-found");
    }

    [Fact]
    public async Task A_retried_complaint_with_its_key_returns_the_same_complaint_and_notifies_once()
    {
        using var desk = await ComplaintDesk.OpenAsync(factory);
        var key = Guid.NewGuid().ToString();

        var first = await Json.ReadAsync(await ComplaintDesk.ComplainAsync(desk.Buyer, "order", desk.OrderId, key: key), HttpStatusCode.Created);
        var again = await Json.ReadAsync(await ComplaintDesk.ComplainAsync(desk.Buyer, "order", desk.OrderId, key: key), HttpStatusCode.Created);

        var id = first.GetProperty("id").GetGuid();
        Assert.Equal(id, again.GetProperty("id").GetGuid());
        Assert.Equal([id], (await ComplaintDesk.GetAsync(desk.Seller, "/api/complaints")).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        Assert.Equal(ComplaintDesk.Ids(id, "open"), await ComplaintDesk.NotificationsAsync(desk.Seller, id));
    }

    private static Task<HttpResponseMessage> SellerComplaintAsync(TestUser user, Guid orderId, Guid sellerId) =>
        user.Client.SendAsync(Shop.Post("/api/complaints", new { subject = "order", subjectId = orderId, sellerId, reason = "Half of it never came." }, Guid.NewGuid().ToString()), TestContext.Current.CancellationToken);
}
