using System.Net;
using System.Text.Json;
using GrainMarket.Gateway.Tests.Orders;
using GrainMarket.Gateway.Tests.Support;
using Npgsql;

namespace GrainMarket.Gateway.Tests.Shipping;

/// <summary>
/// The rate table is grain state in PostgreSQL: a fresh install ships everything at no charge, and the zones an admin
/// sets survive the silo (a second silo started on the same schema after the first stopped reads them back).
/// </summary>
public sealed class ShippingRestartTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_fresh_install_ships_anywhere_free_and_zones_survive_a_restart()
    {
        var schema = TestDatabase.NewSchemaName();
        await (await TestDatabase.CreateSchemaAsync(schema, migrate: false, Ct)).DisposeAsync();
        try
        {
            string before;
            await using (var first = await IsolatedFactory.StartAsync(new Dictionary<string, string>(), Ct, schema))
            {
                using var anonymous = first.CreateClient();
                var fresh = await Json.ReadAsync(await anonymous.GetAsync(new Uri("/api/shipping/serviceability?country=NZ&postal_code=6011", UriKind.Relative), Ct));
                Assert.True(fresh.GetProperty("serviceable").GetBoolean());
                Assert.Equal(JsonValueKind.Null, fresh.GetProperty("zone").ValueKind);

                using var admin = await TestUsers.AdminAsync(first);
                Assert.Empty((await Json.ReadAsync(await admin.Client.GetAsync(new Uri("/api/admin/shipping/zones", UriKind.Relative), Ct))).EnumerateArray());
                await ShippingMarket.ZoneAsync(admin, ShippingMarket.ZoneBody("Wellington", "NZ", prefixes: ["60"], weights: [(2_000, 700), (null, 1_900)], values: [(5_000, 120)], freeShippingThreshold: 50_000, estimatedDays: 2));
                await ShippingMarket.ZoneAsync(admin, ShippingMarket.ZoneBody("New Zealand", "NZ", weights: [(null, 1_500)]));
                before = (await Json.ReadAsync(await admin.Client.GetAsync(new Uri("/api/admin/shipping/zones", UriKind.Relative), Ct))).GetRawText();
            }

            await using var second = await IsolatedFactory.StartAsync(new Dictionary<string, string>(), Ct, schema);
            using (var admin = await TestUsers.AdminAsync(second))
            {
                var after = (await Json.ReadAsync(await admin.Client.GetAsync(new Uri("/api/admin/shipping/zones", UriKind.Relative), Ct))).GetRawText();
                Assert.Equal(before, after);
                Assert.Equal(2, JsonDocument.Parse(after).RootElement.GetArrayLength());
            }

            using var visitor = second.CreateClient();
            var wellington = await Json.ReadAsync(await visitor.GetAsync(new Uri("/api/shipping/serviceability?country=NZ&postal_code=6011", UriKind.Relative), Ct));
            var abroad = await Json.ReadAsync(await visitor.GetAsync(new Uri("/api/shipping/serviceability?country=AU&postal_code=2000", UriKind.Relative), Ct));
            Assert.Equal(("Wellington", 2), (wellington.GetProperty("zone").GetString(), wellington.GetProperty("estimatedDays").GetInt32()));
            Assert.False(abroad.GetProperty("serviceable").GetBoolean());

            // Checkout after the restart charges the stored rates: 1 kg of goods worth 3 000 → 700 + 120.
            using var seller = await TestUsers.CreateAsync(second, "seller");
            var shop = new Shop(second);
            var product = await Json.ReadAsync(await seller.Client.SendAsync(Shop.Post("/api/products", new { title = "Kiwi fruit crate", description = "d", categoryId = await shop.CategoryAsync(), price = 3_000, stock = 3, weightGrams = 1_000 }, null), Ct), HttpStatusCode.Created);
            using var buyer = await shop.BuyerAsync(5_000);
            var body = new { productId = product.GetProperty("id").GetGuid(), quantity = 1, shippingAddress = ShippingMarket.Address("NZ", "6011") };
            var order = await Json.ReadAsync(await buyer.Client.SendAsync(Shop.Post("/api/checkout/buy-now", body, Guid.NewGuid().ToString()), Ct), HttpStatusCode.Created);
            Assert.Equal((820, 3_820), (order.GetProperty("shippingCharge").GetInt64(), order.GetProperty("total").GetInt64()));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await TestDatabase.DropSchemaAsync(schema, CancellationToken.None);
        }
    }
}
