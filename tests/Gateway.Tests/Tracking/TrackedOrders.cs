using System.Net;
using System.Text.Json;
using GrainMarket.Gateway.Tests.Auctions;
using GrainMarket.Gateway.Tests.Catalog;
using GrainMarket.Gateway.Tests.Orders;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Tracking;

/// <summary>Orders to track, placed and moved through the public API, and reads of the tracking streams' messages.</summary>
public sealed class TrackedOrders(GatewayFactory factory)
{
    private readonly Shop _shop = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public Task<TestUser> SellerAsync() => TestUsers.CreateAsync(factory, "seller");

    public Task<TestUser> BuyerAsync() => _shop.BuyerAsync(50_000);

    /// <summary>Places a one-line order of a new product of <paramref name="seller"/> for <paramref name="buyer"/>.</summary>
    public async Task<Guid> PlaceAsync(TestUser buyer, TestUser seller)
    {
        var product = await CatalogSeed.ProductIdAsync(seller, await _shop.CategoryAsync(), price: 1_000, stock: 5);
        return (await Json.ReadAsync(await Shop.BuyNowAsync(buyer, product, 1), HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }

    /// <summary>Takes a step of the order (<c>accept</c>, <c>ship</c>, <c>deliver</c>, <c>complete</c>) and checks the status it reached.</summary>
    public static async Task StepAsync(TestUser user, Guid orderId, string step, string expectedStatus)
    {
        var order = await Json.ReadAsync(await user.Client.PostAsync(new Uri($"/api/orders/{orderId}/{step}", UriKind.Relative), null, Ct));
        Assert.Equal(expectedStatus, order.GetProperty("status").GetString());
    }

    public static Task<StreamWatcher> WatchAsync(Microsoft.AspNetCore.TestHost.TestServer server, Guid orderId, TestUser user, string query = "") =>
        StreamWatcher.ConnectToAsync(server, $"ws/orders/{orderId}{query}", user);

    /// <summary>Reads messages until <paramref name="done"/> holds for those read so far; each read waits at most <see cref="StreamWatcher.Patience"/>.</summary>
    public static async Task<List<JsonElement>> ReceiveUntilAsync(StreamWatcher watcher, Func<List<JsonElement>, bool> done)
    {
        ArgumentNullException.ThrowIfNull(watcher);
        ArgumentNullException.ThrowIfNull(done);
        var messages = new List<JsonElement>();
        while (!done(messages))
        {
            messages.Add(await watcher.ReceiveAsync());
        }

        return messages;
    }

    public static string? TypeOf(JsonElement message) => message.GetProperty("type").GetString();

    /// <summary>The order an event or a state message is about.</summary>
    public static Guid OrderOf(JsonElement message) =>
        TypeOf(message) == "state" ? message.GetProperty("order").GetProperty("id").GetGuid() : message.GetProperty("data").GetProperty("orderId").GetGuid();
}
