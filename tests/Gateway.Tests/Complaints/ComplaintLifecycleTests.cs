using System.Net;
using System.Text.Json;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Complaints;

/// <summary>A complaint's life through the public API: open, respond, review, resolve or reject, and who hears of each step.</summary>
public sealed class ComplaintLifecycleTests(MarketplaceFactory factory)
{
    [Fact]
    public async Task A_buyers_complaint_about_an_order_goes_open_in_review_resolved_and_both_parties_hear_of_each_step()
    {
        using var desk = await ComplaintDesk.OpenAsync(factory);

        var opened = await Json.ReadAsync(await ComplaintDesk.ComplainAsync(desk.Buyer, "order", desk.OrderId), HttpStatusCode.Created);
        var id = opened.GetProperty("id").GetGuid();
        Assert.Equal(("open", desk.Seller.Id, desk.Buyer.Id, "order", desk.OrderId), (
            opened.GetProperty("status").GetString(), opened.GetProperty("otherPartyId").GetGuid(), opened.GetProperty("complainantId").GetGuid(),
            opened.GetProperty("subject").GetString(), opened.GetProperty("subjectId").GetGuid()));

        var seen = await ComplaintDesk.GetAsync(desk.Seller, $"/api/complaints/{id}");
        Assert.Equal("It never matched the listing.", seen.GetProperty("reason").GetString());
        var answered = await ComplaintDesk.StepAsync(desk.Seller, $"/api/complaints/{id}/response", new { text = "We shipped the listed model." });
        Assert.Equal("We shipped the listed model.", answered.GetProperty("response").GetString());
        await Problems.AssertAsync(await ComplaintDesk.PostAsync(desk.Buyer, $"/api/complaints/{id}/response", new { text = "Me too." }), HttpStatusCode.Forbidden, "forbidden");
        await Problems.AssertAsync(await ComplaintDesk.PostAsync(desk.Admin, $"/api/admin/complaints/{id}/resolve", new { note = "Too early." }), HttpStatusCode.Conflict, "invalid-complaint-transition");

        Assert.Equal("in-review", (await ComplaintDesk.StepAsync(desk.Admin, $"/api/admin/complaints/{id}/review")).GetProperty("status").GetString());
        var resolved = await ComplaintDesk.StepAsync(desk.Admin, $"/api/admin/complaints/{id}/resolve", new { note = "The seller refunds the difference." });

        Assert.Equal(("resolved", "The seller refunds the difference."), (resolved.GetProperty("status").GetString(), resolved.GetProperty("note").GetString()));
        Assert.Equal(["open", "in-review", "resolved"], resolved.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("status").GetString()!));
        Assert.Equal(ComplaintDesk.Ids(id, "open", "in-review", "resolved", "response"), await ComplaintDesk.NotificationsAsync(desk.Buyer, id));
        Assert.Equal(ComplaintDesk.Ids(id, "open", "in-review", "resolved"), await ComplaintDesk.NotificationsAsync(desk.Seller, id));

        var again = await ComplaintDesk.StepAsync(desk.Admin, $"/api/admin/complaints/{id}/resolve", new { note = "Another note." });
        Assert.Equal("The seller refunds the difference.", again.GetProperty("note").GetString());
        await Problems.AssertAsync(await ComplaintDesk.PostAsync(desk.Admin, $"/api/admin/complaints/{id}/reject", new { note = "Changed my mind." }), HttpStatusCode.Conflict, "invalid-complaint-transition");
        await Problems.AssertAsync(await ComplaintDesk.PostAsync(desk.Seller, $"/api/complaints/{id}/response", new { text = "Late." }), HttpStatusCode.Conflict, "invalid-complaint-transition");
        Assert.Equal(ComplaintDesk.Ids(id, "open", "in-review", "resolved", "response"), await ComplaintDesk.NotificationsAsync(desk.Buyer, id));
    }

    [Fact]
    public async Task A_sellers_complaint_about_a_buyer_can_be_rejected_and_both_hear_why()
    {
        using var desk = await ComplaintDesk.OpenAsync(factory);

        var id = await ComplaintDesk.ComplainedAsync(desk.Seller, "buyer", desk.Buyer.Id);
        await ComplaintDesk.StepAsync(desk.Admin, $"/api/admin/complaints/{id}/review");
        var rejected = await ComplaintDesk.StepAsync(desk.Admin, $"/api/admin/complaints/{id}/reject", new { note = "The buyer paid in full." });

        Assert.Equal(("rejected", "The buyer paid in full.", desk.Buyer.Id), (rejected.GetProperty("status").GetString(), rejected.GetProperty("note").GetString(), rejected.GetProperty("otherPartyId").GetGuid()));
        Assert.Equal(ComplaintDesk.Ids(id, "open", "in-review", "rejected"), await ComplaintDesk.NotificationsAsync(desk.Seller, id));
        Assert.Equal(ComplaintDesk.Ids(id, "open", "in-review", "rejected"), await ComplaintDesk.NotificationsAsync(desk.Buyer, id));
        var buyers = await ComplaintDesk.GetAsync(desk.Buyer, "/api/complaints?status=rejected");
        var row = Assert.Single(buyers.GetProperty("items").EnumerateArray());
        Assert.Equal((id, desk.Seller.Id, "rejected", false), (row.GetProperty("id").GetGuid(), row.GetProperty("complainantId").GetGuid(), row.GetProperty("status").GetString(), row.GetProperty("responded").GetBoolean()));
        Assert.Empty((await ComplaintDesk.GetAsync(desk.Buyer, "/api/complaints?status=open")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task An_upheld_complaint_against_a_seller_costs_the_points_the_admin_gives_once_and_one_against_a_buyer_costs_none()
    {
        using var desk = await ComplaintDesk.OpenAsync(factory);
        var id = await ComplaintDesk.ComplainedAsync(desk.Buyer, "order", desk.OrderId);
        var againstBuyer = await ComplaintDesk.ComplainedAsync(desk.Seller, "order", desk.OrderId);
        await ComplaintDesk.StepAsync(desk.Admin, $"/api/admin/complaints/{id}/review");
        await ComplaintDesk.StepAsync(desk.Admin, $"/api/admin/complaints/{againstBuyer}/review");

        await Problems.AssertAsync(
            await ComplaintDesk.PostAsync(desk.Admin, $"/api/admin/complaints/{againstBuyer}/resolve", new { note = "Upheld.", penaltyPoints = 5 }), HttpStatusCode.BadRequest, "validation-failed", "penaltyPoints");
        Assert.Equal("in-review", (await ComplaintDesk.GetAsync(desk.Admin, $"/api/complaints/{againstBuyer}")).GetProperty("status").GetString());
        var resolved = await ComplaintDesk.StepAsync(desk.Admin, $"/api/admin/complaints/{id}/resolve", new { note = "Wrong model shipped.", penaltyPoints = 7 });
        await ComplaintDesk.StepAsync(desk.Admin, $"/api/admin/complaints/{id}/resolve", new { note = "Wrong model shipped.", penaltyPoints = 7 });

        Assert.Equal((true, 7L), (resolved.GetProperty("againstSeller").GetBoolean(), resolved.GetProperty("penaltyPoints").GetInt64()));
        var points = await ComplaintDesk.GetAsync(desk.Buyer, $"/api/sellers/{desk.Seller.Id}/points");
        Assert.Equal(-7, points.GetProperty("points").GetInt64());
        Assert.Single(points.GetProperty("history").EnumerateArray());
    }

    [Fact]
    public async Task The_admin_queue_lists_complaints_by_status_and_the_parties_lists_hold_them_for_both()
    {
        using var desk = await ComplaintDesk.OpenAsync(factory);
        var first = await ComplaintDesk.ComplainedAsync(desk.Buyer, "product", desk.ProductId);
        var second = await ComplaintDesk.ComplainedAsync(desk.Buyer, "seller", desk.Seller.Id);
        await ComplaintDesk.StepAsync(desk.Admin, $"/api/admin/complaints/{second}/review");

        var open = (await ComplaintDesk.GetAsync(desk.Admin, "/api/admin/complaints?status=open&limit=100")).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
        var inReview = (await ComplaintDesk.GetAsync(desk.Admin, "/api/admin/complaints?status=in-review&limit=100")).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
        Assert.Equal((true, false, true, false), (open.Contains(first), open.Contains(second), inReview.Contains(second), inReview.Contains(first)));

        var page = await ComplaintDesk.GetAsync(desk.Seller, "/api/complaints?limit=1");
        Assert.Equal(second, Assert.Single(page.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        var rest = await ComplaintDesk.GetAsync(desk.Seller, $"/api/complaints?limit=1&cursor={page.GetProperty("next").GetString()}");
        Assert.Equal(first, Assert.Single(rest.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal(JsonValueKind.Null, rest.GetProperty("next").ValueKind);
    }
}
