using System.Net;
using GrainMarket.Common;
using GrainMarket.Gateway.Tests.Catalog;
using GrainMarket.Gateway.Tests.Orders;
using GrainMarket.Gateway.Tests.Shipping;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Addresses;

/// <summary>
/// Shipping zones match a saved address named by province and city ids exactly as the same address written out, in a
/// silo of its own (its Pakistani zone must not reach the shared marketplace).
/// </summary>
public sealed class AddressZoneTests(ShippingMarket market) : IClassFixture<ShippingMarket>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private GatewayFactory Factory => market.Factory;

    [Fact]
    public async Task An_address_named_by_ids_matches_the_zones_of_the_same_address_written_out()
    {
        using var admin = await TestUsers.AdminAsync(Factory);
        await ShippingMarket.ZoneAsync(admin, ShippingMarket.ZoneBody("Sindh", "PK", regions: ["sindh"], weights: [(null, 250)], estimatedDays: 2));
        using var seller = await TestUsers.CreateAsync(Factory, "seller");
        var product = await CatalogSeed.ProductIdAsync(seller, await CatalogSeed.CategoryAsync(admin), price: 1_000, stock: 5);
        using var buyer = await market.Shop.BuyerAsync(10_000);
        var (sindh, karachi) = await AddressSeed.SeededAsync(buyer.Client, "Sindh", "Karachi");
        var (punjab, lahore) = await AddressSeed.SeededAsync(buyer.Client, "Punjab", "Lahore");
        var inKarachi = (await AddressSeed.SaveAsync(buyer, AddressSeed.InPakistan(sindh, karachi))).GetProperty("id").GetGuid();
        var inLahore = (await AddressSeed.SaveAsync(buyer, AddressSeed.InPakistan(punjab, lahore))).GetProperty("id").GetGuid();

        var byId = await Json.ReadAsync(await Get(buyer, $"/api/shipping/quote?address_id={inKarachi}&product_id={product}&quantity=1"));
        var writtenOut = await Json.ReadAsync(await Get(buyer, $"/api/shipping/quote?country=PK&postal_code=54000&region=Sindh&product_id={product}&quantity=1"));
        var servedById = await Json.ReadAsync(await Get(buyer, $"/api/shipping/serviceability?address_id={inKarachi}"));
        var lahoreServed = await Json.ReadAsync(await Get(buyer, $"/api/shipping/serviceability?address_id={inLahore}"));

        Assert.Equal(("Sindh", 250, 1_250), (byId.GetProperty("zone").GetString(), byId.GetProperty("shippingCharge").GetInt64(), byId.GetProperty("total").GetInt64()));
        Assert.Equal(writtenOut.GetProperty("zoneId").GetGuid(), byId.GetProperty("zoneId").GetGuid());
        Assert.Equal(("Sindh", 2), (servedById.GetProperty("zone").GetString(), servedById.GetProperty("estimatedDays").GetInt32()));
        Assert.False(lahoreServed.GetProperty("serviceable").GetBoolean());
        await Problems.AssertAsync(await Get(buyer, $"/api/shipping/quote?address_id={inLahore}&product_id={product}&quantity=1"), HttpStatusCode.UnprocessableEntity, ErrorCodes.AddressUnserviceable, "address_id");

        // Checkout by id charges the zone's rate; to Lahore it is refused and holds nothing.
        var order = await Json.ReadAsync(await buyer.Client.SendAsync(Shop.Post("/api/checkout/buy-now", new { productId = product, quantity = 1, addressId = inKarachi }, Guid.NewGuid().ToString()), Ct), HttpStatusCode.Created);
        await Problems.AssertAsync(await buyer.Client.SendAsync(Shop.Post("/api/checkout/buy-now", new { productId = product, quantity = 1, addressId = inLahore }, Guid.NewGuid().ToString()), Ct), HttpStatusCode.UnprocessableEntity, ErrorCodes.AddressUnserviceable);
        Assert.Equal((250, 1_250), (order.GetProperty("shippingCharge").GetInt64(), order.GetProperty("total").GetInt64()));
        Assert.Equal(("Sindh", "Karachi"), (order.GetProperty("shippingAddress").GetProperty("region").GetString(), order.GetProperty("shippingAddress").GetProperty("city").GetString()));
        Assert.Equal(1_250, (await Shop.WalletAsync(buyer)).GetProperty("held").GetInt64());
    }

    private static Task<HttpResponseMessage> Get(TestUser user, string path) => user.Client.GetAsync(new Uri(path, UriKind.Relative), Ct);
}
