using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GrainMarket.Gateway.Tests.Catalog;
using GrainMarket.Gateway.Tests.Orders;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Auctions;

/// <summary>Auctions and bids through the public API, as sellers, admins and buyers make them.</summary>
public sealed class AuctionSeed(GatewayFactory factory)
{
    public const long StartingPrice = 1_000;

    private readonly Shop _shop = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public Task<TestUser> BuyerAsync(long funds = 1_000_000) => _shop.BuyerAsync(funds);

    /// <summary>
    /// A listed auction (pending approval, or approved and live at once: its event 1 is <c>opened</c>). A bid in the last
    /// <paramref name="softCloseSeconds"/> extends it, at most once.
    /// </summary>
    public async Task<Guid> AuctionAsync(TestUser seller, bool approve = true, int softCloseSeconds = 0)
    {
        ArgumentNullException.ThrowIfNull(seller);
        var body = new
        {
            title = CatalogSeed.UniqueName("auction"),
            description = "A lot to watch.",
            categoryId = await _shop.CategoryAsync(),
            images = new[] { "https://img.grainmarket.test/lot.jpg" },
            startingPrice = StartingPrice,
            endsAt = DateTimeOffset.UtcNow.AddMinutes(30),
            softCloseSeconds,
            maxExtensions = 1,
        };
        var created = await Json.ReadAsync(await seller.Client.SendAsync(Shop.Post("/api/auctions", body, Guid.NewGuid().ToString()), Ct), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        if (approve)
        {
            await AdminAsync(id, "approve");
        }

        return id;
    }

    /// <summary>A live auction of a new seller, and two funded buyers.</summary>
    public async Task<Lot> LotAsync(int softCloseSeconds = 0)
    {
        var seller = await TestUsers.CreateAsync(factory, "seller");
        return new Lot(await AuctionAsync(seller, softCloseSeconds: softCloseSeconds), seller, await BuyerAsync(), await BuyerAsync());
    }

    /// <summary>An admin's step on the auction (<c>approve</c>, <c>close</c>), which must succeed.</summary>
    public async Task<JsonElement> AdminAsync(Guid auctionId, string step)
    {
        using var admin = await TestUsers.AdminAsync(factory);
        return await Json.ReadAsync(await admin.Client.PostAsync(new Uri($"/api/admin/auctions/{auctionId}/{step}", UriKind.Relative), null, Ct));
    }

    /// <summary>A bid over REST, which must be accepted; returns the 201 body.</summary>
    public static async Task<JsonElement> BidAsync(TestUser buyer, Guid auctionId, long amount, string? key = null)
    {
        using var response = await AuctionHouse.BidAsync(buyer, auctionId, amount, key: key);
        return await Json.ReadAsync(response, HttpStatusCode.Created);
    }

    public static Task<JsonElement> GetAsync(HttpClient client, Guid auctionId) => AuctionHouse.GetAsync(client, auctionId);
}
