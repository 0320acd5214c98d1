using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GrainMarket.ApiGateway.Http;
using GrainMarket.Gateway.Tests.Catalog;
using GrainMarket.Gateway.Tests.Orders;
using GrainMarket.Gateway.Tests.Support;
using GrainMarket.Orders;
using GrainMarket.Wallets;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans;

namespace GrainMarket.Gateway.Tests.Pricing;

/// <summary>
/// A seller's discount, a sale event and a platform coupon on one order of three sellers, on a silo in a schema of its
/// own (its platform wallet and audit totals are this test's alone). Every figure is worked out by hand below.
/// </summary>
public sealed class ThreeSellerPricingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Discount_sale_event_coupon_and_fee_add_up_to_the_minor_unit_on_a_three_seller_order()
    {
        var schema = TestDatabase.NewSchemaName();
        await using var database = await TestDatabase.CreateSchemaAsync(schema, migrate: false, Ct);
        try
        {
            await using var factory = await IsolatedFactory.StartAsync(new Dictionary<string, string>(), Ct, schema);
            await PlayAsync(factory, database);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await TestDatabase.DropSchemaAsync(schema, CancellationToken.None);
        }
    }

    private static async Task PlayAsync(IsolatedFactory factory, NpgsqlDataSource database)
    {
        var shop = new Shop(factory);
        using var admin = await TestUsers.AdminAsync(factory);
        using var sellerA = await TestUsers.CreateAsync(factory, "seller");
        using var sellerB = await TestUsers.CreateAsync(factory, "seller");
        using var sellerC = await TestUsers.CreateAsync(factory, "seller");
        var categoryOnSale = await shop.CategoryAsync();
        var otherCategory = await shop.CategoryAsync();
        var a = await CatalogSeed.ProductIdAsync(sellerA, otherCategory, price: 10_000, stock: 5);
        var b = await CatalogSeed.ProductIdAsync(sellerB, categoryOnSale, price: 7_999, stock: 5);
        var c = await CatalogSeed.ProductIdAsync(sellerC, otherCategory, price: 12_345, stock: 5);

        // A: the seller's 15% → 8,500. B: the sale's 10% cuts 799 (rounded down), its seller's own 500 is smaller and
        // does not stack → 7,200. C: no discount.
        await Json.ReadAsync(await sellerA.Client.PutAsJsonAsync($"/api/seller/products/{a}/discount", new { percentOff = 15 }, Ct));
        await Json.ReadAsync(await sellerB.Client.PutAsJsonAsync($"/api/seller/products/{b}/discount", new { amountOff = 500 }, Ct));
        var now = DateTimeOffset.UtcNow;
        var sale = await Json.ReadAsync(await admin.Client.SendAsync(Shop.Post("/api/admin/sale-events", new { name = "Spring sale", percentOff = 10, startsAt = now.AddHours(-1), endsAt = now.AddHours(1), categoryIds = new[] { categoryOnSale } }, Guid.NewGuid().ToString()), Ct), HttpStatusCode.Created);
        var page = await Json.ReadAsync(await admin.Client.GetAsync(new Uri($"/api/products/{b}", UriKind.Relative), Ct));
        Assert.Equal((7_999L, 7_200L), (page.GetProperty("price").GetInt64(), page.GetProperty("discountedPrice").GetInt64()));

        // Goods 2 × 8,500 + 3 × 7,200 + 12,345 = 50,945; the platform's 7% coupon: 3,566.15 → 3,566, split by value
        // rounded down (1,189 / 1,511 / 864 = 3,564), the 2 left over to the largest line (B: 1,513).
        var code = Coupons.NewCode();
        await Coupons.CreateAsync(admin, new { code, percentOff = 7, maxDiscount = 5_000 });
        using var buyer = await shop.BuyerAsync(60_000);
        foreach (var (product, quantity) in new[] { (a, 2), (b, 3), (c, 1) })
        {
            await Json.ReadAsync(await buyer.Client.PutAsJsonAsync($"/api/cart/items/{product}", new { quantity }, Ct));
        }

        // The cart shows the discounted unit prices (no coupon yet).
        var cart = await Json.ReadAsync(await buyer.Client.GetAsync(new Uri("/api/cart", UriKind.Relative), Ct));
        Assert.Equal(50_945, cart.GetProperty("total").GetInt64());
        Assert.Equal((7_999L, 7_200L), cart.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("productId").GetGuid() == b).Select(i => (i.GetProperty("listPrice").GetInt64(), i.GetProperty("unitPrice").GetInt64())).Single());

        // The quote prices the cart exactly as the checkout then does, and counts no use of the coupon.
        var quote = await Json.ReadAsync(await buyer.Client.PostAsJsonAsync("/api/checkout/quote", new { shippingAddress = Shop.Address, couponCode = code }, Ct));
        Assert.Equal((47_379L, 3_566L), (quote.GetProperty("total").GetInt64(), quote.GetProperty("coupon").GetProperty("discount").GetInt64()));
        Assert.Equal(0, await Coupons.UsedAsync(buyer, code));

        var order = await Json.ReadAsync(await Coupons.CheckoutAsync(buyer, code, expectedTotal: quote.GetProperty("total").GetInt64()), HttpStatusCode.Created);
        Assert.Equal(
            quote.GetProperty("items").EnumerateArray().Select(l => (l.GetProperty("productId").GetGuid(), Figures(l))).OrderBy(l => l.Item1),
            order.GetProperty("items").EnumerateArray().Select(l => (l.GetProperty("productId").GetGuid(), Figures(l))).OrderBy(l => l.Item1));
        Assert.Equal(1, await Coupons.UsedAsync(buyer, code));

        Assert.Equal((47_379L, 0L), (order.GetProperty("total").GetInt64(), order.GetProperty("shippingCharge").GetInt64()));
        Assert.Equal((code.ToUpperInvariant(), 3_566L, "platform"), (order.GetProperty("coupon").GetProperty("code").GetString(), order.GetProperty("coupon").GetProperty("discount").GetInt64(), order.GetProperty("coupon").GetProperty("fundedBy").GetString()));
        var lines = order.GetProperty("items").EnumerateArray().ToDictionary(l => l.GetProperty("productId").GetGuid());
        Assert.Equal((10_000L, 8_500L, 3_000L, 1_189L, 15_811L), Figures(lines[a]));
        Assert.Equal((7_999L, 7_200L, 2_397L, 1_513L, 20_087L), Figures(lines[b]));
        Assert.Equal((12_345L, 12_345L, 0L, 864L, 11_481L), Figures(lines[c]));

        // A seller sees their own lines only, and only their lines' share of the coupon.
        var asSellerA = await Json.ReadAsync(await sellerA.Client.GetAsync(new Uri($"/api/orders/{order.GetProperty("id").GetGuid()}", UriKind.Relative), Ct));
        Assert.Equal((15_811L, 1_189L), (asSellerA.GetProperty("total").GetInt64(), asSellerA.GetProperty("coupon").GetProperty("discount").GetInt64()));

        foreach (var seller in new[] { sellerA, sellerB, sellerC })
        {
            await ReturnStepAsync(seller, $"/api/orders/{order.GetProperty("id").GetGuid()}/accept");
            await ReturnStepAsync(seller, $"/api/orders/{order.GetProperty("id").GetGuid()}/ship");
        }

        var orderId = order.GetProperty("id").GetGuid();
        await ReturnStepAsync(admin, $"/api/orders/{orderId}/deliver");

        // The platform pays the coupon out of its wallet at settlement: funded from outside for this test.
        var grains = factory.Services.GetRequiredService<IGrainFactory>();
        Assert.True((await TransactionRetry.RunAsync(() => grains.GetGrain<IWalletGrain>(WalletKeys.Platform).CreditAsync($"test-funds:{Guid.NewGuid():N}", LedgerEntryTypes.Adjustment, 10_000, "test funds"), Ct)).Succeeded);
        await ReturnStepAsync(buyer, $"/api/orders/{orderId}/complete");

        // Paid 15,811 / 20,087 / 11,481: the buyer's capture pays each seller that less 2% of it rounded down (316 / 401 /
        // 229), and the platform its fees (946). The coupon is the platform's: each seller ends as if it had not been
        // used, 17,000 − 340 / 21,600 − 432 / 12,345 − 246, so the platform adds 1,165 / 1,482 / 847 (3,494).
        Assert.Equal(16_660, await LedgerSumAsync(database, grains, sellerA.Id.ToString(), LedgerEntryTypes.Payment, orderId));
        Assert.Equal(21_168, await LedgerSumAsync(database, grains, sellerB.Id.ToString(), LedgerEntryTypes.Payment, orderId));
        Assert.Equal(12_099, await LedgerSumAsync(database, grains, sellerC.Id.ToString(), LedgerEntryTypes.Payment, orderId));
        Assert.Equal(946, await LedgerSumAsync(database, grains, WalletKeys.Platform, LedgerEntryTypes.Fee, orderId));
        Assert.Equal(3_494, await LedgerSumAsync(database, grains, WalletKeys.Platform, LedgerEntryTypes.Capture, orderId));
        Assert.Equal(new WalletBalance(16_660, 0), await grains.GetGrain<IWalletGrain>(sellerA.Id.ToString()).GetBalanceAsync());
        Assert.Equal(new WalletBalance(21_168, 0), await grains.GetGrain<IWalletGrain>(sellerB.Id.ToString()).GetBalanceAsync());
        Assert.Equal(new WalletBalance(12_099, 0), await grains.GetGrain<IWalletGrain>(sellerC.Id.ToString()).GetBalanceAsync());
        Assert.Equal(new WalletBalance(60_000 - 47_379, 0), await grains.GetGrain<IWalletGrain>(buyer.Id.ToString()).GetBalanceAsync());

        // 10,000 funded + 946 in fees − 3,494 paid for the coupon: the platform earned 1,018 in fees and paid 3,566.
        Assert.Equal(new WalletBalance(7_452, 0), await grains.GetGrain<IWalletGrain>(WalletKeys.Platform).GetBalanceAsync());
        foreach (var product in new[] { a, b, c })
        {
            await StoredState.ConfirmedAsync(database, grains.GetGrain<Inventory.IProductStockGrain>(product).GetGrainId(), "stock", Ct);
        }

        await StoredState.ConfirmedAsync(database, grains.GetGrain<IOrderGrain>(orderId).GetGrainId(), "order", Ct);
        await StoredState.ConfirmedAsync(database, grains.GetGrain<IWalletGrain>(buyer.Id.ToString()).GetGrainId(), "wallet", Ct);
        var audit = await Json.ReadAsync(await admin.Client.GetAsync(new Uri("/api/admin/audit", UriKind.Relative), Ct));
        Returns.ReturnDesk.AssertAudit(audit, ("money-conserved", 70_000), ("escrow-owned", 0), ("stock-sold", 6));
        Assert.Equal(sale.GetProperty("id").GetGuid(), (await Json.ReadAsync(await buyer.Client.GetAsync(new Uri("/api/sale-events/active", UriKind.Relative), Ct))).EnumerateArray().Single().GetProperty("id").GetGuid());
    }

    /// <summary>(list price, unit price, line discount, coupon share, paid line total) of an order line.</summary>
    private static (long, long, long, long, long) Figures(JsonElement line) =>
        (line.GetProperty("listPrice").GetInt64(), line.GetProperty("unitPrice").GetInt64(), line.GetProperty("lineDiscount").GetInt64(), line.GetProperty("couponShare").GetInt64(), line.GetProperty("lineTotal").GetInt64());

    private static Task<JsonElement> ReturnStepAsync(TestUser user, string path) => Returns.ReturnDesk.StepAsync(user, path);

    private static async Task<long> LedgerSumAsync(NpgsqlDataSource database, IGrainFactory grains, string walletId, string type, Guid orderId)
    {
        await StoredState.ConfirmedAsync(database, grains.GetGrain<IWalletGrain>(walletId).GetGrainId(), "wallet", Ct);
        await using var command = database.CreateCommand("SELECT coalesce(sum(amount), 0)::bigint FROM ledger_entries WHERE wallet_id = $1 AND type = $2 AND reference = $3");
        command.Parameters.Add(new NpgsqlParameter { Value = walletId });
        command.Parameters.Add(new NpgsqlParameter { Value = type });
        command.Parameters.Add(new NpgsqlParameter { Value = OrderIds.Reference(orderId) });
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }
}
