using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GrainMarket.Gateway.Tests.Catalog;
using GrainMarket.Gateway.Tests.Orders;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Complaints;

/// <summary>A seller's product, a buyer with an order of it, and the admin, with the complaint steps through the public API.</summary>
public sealed class ComplaintDesk : IDisposable
{
    private ComplaintDesk(GatewayFactory factory, TestUser seller, TestUser buyer, TestUser admin, Guid productId, Guid orderId)
    {
        (Factory, Seller, Buyer, Admin, ProductId, OrderId) = (factory, seller, buyer, admin, productId, orderId);
    }

    public GatewayFactory Factory { get; }

    public TestUser Seller { get; }

    public TestUser Buyer { get; }

    public TestUser Admin { get; }

    public Guid ProductId { get; }

    /// <summary>The buyer's order of one unit of the product (placed and paid, its row in the order lists confirmed).</summary>
    public Guid OrderId { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<ComplaintDesk> OpenAsync(GatewayFactory factory)
    {
        var shop = new Shop(factory);
        var seller = await TestUsers.CreateAsync(factory, "seller");
        var productId = await CatalogSeed.ProductIdAsync(seller, await shop.CategoryAsync(), price: 1_000, stock: 5);
        var buyer = await shop.BuyerAsync(5_000);
        var orderId = (await Json.ReadAsync(await Shop.BuyNowAsync(buyer, productId, 1), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await Confirmations.OrderAsync(factory, orderId);
        return new ComplaintDesk(factory, seller, buyer, await TestUsers.AdminAsync(factory), productId, orderId);
    }

    public static Task<HttpResponseMessage> ComplainAsync(TestUser user, string subject, Guid subjectId, Guid? conversationId = null, string? key = null) =>
        user.Client.SendAsync(Shop.Post("/api/complaints", new { subject, subjectId, reason = "It never matched the listing.", conversationId }, key ?? Guid.NewGuid().ToString()), Ct);

    public static async Task<Guid> ComplainedAsync(TestUser user, string subject, Guid subjectId, Guid? conversationId = null) =>
        (await Json.ReadAsync(await ComplainAsync(user, subject, subjectId, conversationId), HttpStatusCode.Created)).GetProperty("id").GetGuid();

    public static Task<HttpResponseMessage> PostAsync(TestUser user, string path, object? body = null) =>
        body is null ? user.Client.PostAsync(new Uri(path, UriKind.Relative), null, Ct) : user.Client.PostAsJsonAsync(path, body, Ct);

    public static async Task<JsonElement> StepAsync(TestUser user, string path, object? body = null) => await Json.ReadAsync(await PostAsync(user, path, body));

    public static async Task<JsonElement> GetAsync(TestUser user, string path) => await Json.ReadAsync(await user.Client.GetAsync(new Uri(path, UriKind.Relative), Ct));

    /// <summary>The ids of the user's <c>complaint-updated</c> notifications about <paramref name="complaintId"/>, sorted.</summary>
    public static async Task<IReadOnlyList<string>> NotificationsAsync(TestUser user, Guid complaintId)
    {
        var page = await GetAsync(user, "/api/notifications?limit=100");
        return [.. page.GetProperty("items").EnumerateArray()
            .Where(n => n.GetProperty("type").GetString() == "complaint-updated" && n.GetProperty("id").GetString()!.StartsWith($"complaint:{complaintId:N}:", StringComparison.Ordinal))
            .Select(n => n.GetProperty("id").GetString()!)
            .Order(StringComparer.Ordinal)];
    }

    public static string[] Ids(Guid complaintId, params string[] steps) => [.. steps.Select(s => $"complaint:{complaintId:N}:{s}").Order(StringComparer.Ordinal)];

    public void Dispose()
    {
        Seller.Dispose();
        Buyer.Dispose();
        Admin.Dispose();
    }
}
