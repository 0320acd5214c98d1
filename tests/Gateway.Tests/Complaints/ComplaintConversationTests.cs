using System.Net;
using GrainMarket.Gateway.Tests.Chat;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Complaints;

/// <summary>A complaint holds a conversation of the complainant with the other party, and admins may read that one only.</summary>
public sealed class ComplaintConversationTests(MarketplaceFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Admins_read_a_conversation_once_the_complaint_opened_with_it_holds_it()
    {
        using var desk = await ComplaintDesk.OpenAsync(factory);
        var conversationId = await ChatUsers.StartAsync(desk.Buyer, desk.Seller.Id);
        await ChatUsers.SendAsync(desk.Buyer, conversationId, "The box was empty.");
        var path = $"/api/admin/conversations/{conversationId}/messages";
        await Problems.AssertAsync(await desk.Admin.Client.GetAsync(new Uri(path, UriKind.Relative), Ct), HttpStatusCode.Forbidden, "conversation-not-in-complaint");

        var opened = await Json.ReadAsync(await ComplaintDesk.ComplainAsync(desk.Buyer, "order", desk.OrderId, conversationId), HttpStatusCode.Created);

        Assert.Equal(conversationId, opened.GetProperty("conversationId").GetGuid());
        var messages = await ComplaintDesk.GetAsync(desk.Admin, path);
        Assert.Equal(["The box was empty."], messages.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("text").GetString()!));
    }

    [Fact]
    public async Task A_conversation_is_attached_later_once_and_only_one_with_the_other_party()
    {
        using var desk = await ComplaintDesk.OpenAsync(factory);
        using var third = await TestUsers.CreateAsync(factory, "buyer");
        var withThird = await ChatUsers.StartAsync(desk.Buyer, third.Id);
        var notTheBuyers = await ChatUsers.StartAsync(third, desk.Seller.Id);
        var withSeller = await ChatUsers.StartAsync(desk.Buyer, desk.Seller.Id);
        var aboutProduct = await ChatUsers.StartAsync(desk.Buyer, desk.Seller.Id, desk.ProductId);
        await Problems.AssertAsync(await ComplaintDesk.ComplainAsync(desk.Buyer, "order", desk.OrderId, withThird), HttpStatusCode.NotFound, "conversation-not-found", "conversationId");
        var id = await ComplaintDesk.ComplainedAsync(desk.Buyer, "order", desk.OrderId);
        var attach = $"/api/complaints/{id}/conversation";

        await Problems.AssertAsync(await ComplaintDesk.PostAsync(desk.Buyer, attach, new { conversationId = notTheBuyers }), HttpStatusCode.NotFound, "conversation-not-found", "conversationId");
        await Problems.AssertAsync(await ComplaintDesk.PostAsync(desk.Seller, attach, new { conversationId = withSeller }), HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(withSeller, (await ComplaintDesk.StepAsync(desk.Buyer, attach, new { conversationId = withSeller })).GetProperty("conversationId").GetGuid());
        Assert.Equal(withSeller, (await ComplaintDesk.StepAsync(desk.Buyer, attach, new { conversationId = withSeller })).GetProperty("conversationId").GetGuid());
        await Problems.AssertAsync(await ComplaintDesk.PostAsync(desk.Buyer, attach, new { conversationId = aboutProduct }), HttpStatusCode.Conflict, "complaint-conversation-attached", "conversationId");

        Assert.Empty((await ComplaintDesk.GetAsync(desk.Admin, $"/api/admin/conversations/{withSeller}/messages")).GetProperty("items").EnumerateArray());
        foreach (var other in new[] { withThird, notTheBuyers, aboutProduct })
        {
            await Problems.AssertAsync(await desk.Admin.Client.GetAsync(new Uri($"/api/admin/conversations/{other}/messages", UriKind.Relative), Ct), HttpStatusCode.Forbidden, "conversation-not-in-complaint");
        }
    }
}
