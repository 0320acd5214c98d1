using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GrainMarket.Gateway.Tests.Catalog;
using GrainMarket.Gateway.Tests.Orders;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Payments;

/// <summary>
/// Card checkout against the Stripe stand-in: the order waits for its payment with its stock reserved; the webhook
/// places it with the money held exactly as a wallet checkout holds it; a deadline passing first frees the stock, and a
/// payment arriving after that stays in the buyer's wallet.
/// </summary>
[Collection(nameof(PaymentsCollection))]
public sealed class CardCheckoutTests(PaymentsMarket market)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_card_checkout_is_placed_with_its_money_held_once_its_payment_is_confirmed()
    {
        var (buyer, productId) = await SetUpAsync(price: 1_250, stock: 5);
        using var _ = buyer;
        var order = await CardBuyNowAsync(buyer, productId, quantity: 2);
        Assert.Equal("awaiting-payment", order.GetProperty("status").GetString());
        Assert.Equal(2_500, order.GetProperty("total").GetInt64());
        var intent = order.GetProperty("payment").GetProperty("paymentId").GetString()!;
        Assert.StartsWith($"{intent}_secret_", order.GetProperty("clientSecret").GetString(), StringComparison.Ordinal);
        Assert.Equal(2_500, market.Stripe.PaymentIntent(intent)!["amount"]!.GetValue<long>());
        Assert.Equal((0L, 0L), await PaymentsMarket.BalancesAsync(buyer));
        await AssertStockAsync(productId, available: 3, reserved: 2);

        Assert.Equal(HttpStatusCode.OK, (await market.ConfirmAsync(intent)).StatusCode);

        var orderId = order.GetProperty("id").GetGuid();
        var placed = await PaymentsMarket.OrderAsync(buyer, orderId);
        Assert.Equal("placed", placed.GetProperty("status").GetString());
        Assert.Equal(intent, placed.GetProperty("payment").GetProperty("paymentId").GetString());
        Assert.Equal((0L, 2_500L), await PaymentsMarket.BalancesAsync(buyer));
        Assert.Equal(2_500, await PaymentsMarket.EventuallyAsync(() => market.LedgerAsync(buyer.Id, "TOPUP"), 2_500));
        await AssertStockAsync(productId, available: 3, reserved: 2);

        // The webhook again changes nothing.
        var succeeded = market.Stripe.Events.Single(e => e.Type == "payment_intent.succeeded" && e.Body.Contains(intent, StringComparison.Ordinal));
        Assert.Equal(200, await market.Stripe.DeliverAsync(succeeded, Ct));
        Assert.Equal((0L, 2_500L), await PaymentsMarket.BalancesAsync(buyer));
    }

    [Fact]
    public async Task A_retried_card_checkout_answers_the_same_order_and_the_same_payment()
    {
        var (buyer, productId) = await SetUpAsync(price: 400, stock: 3);
        using var _ = buyer;
        var key = Guid.NewGuid().ToString();
        var created = market.Stripe.CreatedPaymentIntents;
        var first = await CardBuyNowAsync(buyer, productId, quantity: 1, key);
        var again = await Json.ReadAsync(await buyer.Client.SendAsync(Shop.Post("/api/checkout/buy-now", new { productId, quantity = 1, shippingAddress = Shop.Address, paymentMethod = "card" }, key), Ct), HttpStatusCode.Created);

        Assert.Equal(first.GetProperty("id").GetGuid(), again.GetProperty("id").GetGuid());
        Assert.Equal(first.GetProperty("payment").GetProperty("paymentId").GetString(), again.GetProperty("payment").GetProperty("paymentId").GetString());
        Assert.Equal(created + 1, market.Stripe.CreatedPaymentIntents);
        await AssertStockAsync(productId, available: 2, reserved: 1);
    }

    [Fact]
    public async Task An_unpaid_card_checkout_is_cancelled_at_its_deadline_and_frees_its_stock_and_a_late_payment_stays_in_the_wallet()
    {
        var (buyer, productId) = await SetUpAsync(price: 900, stock: 4);
        using var _ = buyer;
        var order = await CardBuyNowAsync(buyer, productId, quantity: 3);
        var orderId = order.GetProperty("id").GetGuid();
        await AssertStockAsync(productId, available: 1, reserved: 3);

        var status = await PaymentsMarket.EventuallyAsync(async () => (await PaymentsMarket.OrderAsync(buyer, orderId)).GetProperty("status").GetString(), "cancelled");
        Assert.Equal("cancelled", status);
        await AssertStockAsync(productId, available: 4, reserved: 0);

        // The buyer pays after all: the money is theirs, in their wallet; the order stays cancelled.
        Assert.Equal(HttpStatusCode.OK, (await market.ConfirmAsync(order.GetProperty("payment").GetProperty("paymentId").GetString()!)).StatusCode);
        Assert.Equal((2_700L, 0L), await PaymentsMarket.BalancesAsync(buyer));
        Assert.Equal("cancelled", (await PaymentsMarket.OrderAsync(buyer, orderId)).GetProperty("status").GetString());
        await AssertStockAsync(productId, available: 4, reserved: 0);
    }

    [Fact]
    public async Task Card_is_refused_where_no_provider_is_offered_and_an_unknown_method_everywhere()
    {
        var (buyer, productId) = await SetUpAsync(price: 100, stock: 1);
        using var _ = buyer;
        var problem = await Json.ReadAsync(await buyer.Client.SendAsync(Shop.Post("/api/checkout/buy-now", new { productId, quantity = 1, shippingAddress = Shop.Address, paymentMethod = "cheque" }, Guid.NewGuid().ToString()), Ct), HttpStatusCode.BadRequest);
        Assert.Equal("paymentMethod", problem.GetProperty("field").GetString());
        await AssertStockAsync(productId, available: 1, reserved: 0);
    }

    [Fact]
    public async Task An_auction_won_under_pay_after_win_is_paid_by_card_and_placed_with_its_money_held()
    {
        var house = new Auctions.AuctionHouse(market.Factory);
        using var seller = await TestUsers.CreateAsync(market.Factory, "seller");
        var auction = await house.LiveAsync(seller, settlementMode: "pay-after-win");
        using var winner = await TestUsers.CreateAsync(market.Factory, "buyer");
        await Auctions.AuctionHouse.AcceptedBidAsync(winner, auction, 3_300);
        using var admin = await TestUsers.AdminAsync(market.Factory);
        var closed = await Json.ReadAsync(await admin.Client.PostAsync(new Uri($"/api/admin/auctions/{auction}/close", UriKind.Relative), null, Ct));
        var orderId = closed.GetProperty("orderId").GetGuid();

        var paying = await Json.ReadAsync(await winner.Client.PostAsJsonAsync($"/api/orders/{orderId}/pay", new { paymentMethod = "card" }, Ct));
        Assert.Equal("awaiting-payment", paying.GetProperty("status").GetString());
        var intent = paying.GetProperty("payment").GetProperty("paymentId").GetString()!;
        Assert.Equal(3_300, market.Stripe.PaymentIntent(intent)!["amount"]!.GetValue<long>());
        Assert.Equal(HttpStatusCode.OK, (await market.ConfirmAsync(intent)).StatusCode);

        Assert.Equal("placed", (await PaymentsMarket.OrderAsync(winner, orderId)).GetProperty("status").GetString());
        Assert.Equal((0L, 3_300L), await PaymentsMarket.BalancesAsync(winner));
    }

    private async Task<(TestUser Buyer, Guid ProductId)> SetUpAsync(long price, long stock)
    {
        using var seller = await TestUsers.CreateAsync(market.Factory, "seller");
        var productId = await CatalogSeed.ProductIdAsync(seller, await market.Shop.CategoryAsync(), price: price, stock: stock);
        return (await TestUsers.CreateAsync(market.Factory, "buyer"), productId);
    }

    private static async Task<JsonElement> CardBuyNowAsync(TestUser buyer, Guid productId, int quantity, string? key = null) =>
        await Json.ReadAsync(await buyer.Client.SendAsync(Shop.Post("/api/checkout/buy-now", new { productId, quantity, shippingAddress = Shop.Address, paymentMethod = "card" }, key ?? Guid.NewGuid().ToString()), Ct), HttpStatusCode.Created);

    private async Task AssertStockAsync(Guid productId, long available, long reserved)
    {
        var line = await PaymentsMarket.EventuallyAsync(async () =>
        {
            var stock = await market.Shop.StockAsync(productId);
            return (stock.GetProperty("available").GetInt64(), stock.GetProperty("reserved").GetInt64());
        }, (available, reserved));
        Assert.Equal((available, reserved), line);
    }
}
