using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using GrainMarket.Gateway.Tests.Orders;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Payments;

/// <summary>
/// M-Pesa against the Daraja stand-in on a KES marketplace: an STK push to the buyer's phone, whose result callback —
/// unsigned, so proved by the token in its address and confirmed with the STK push query — places the order with its
/// total held; a declined push leaves the order awaiting payment, payable by a new push; a callback without the right
/// token, or a success M-Pesa does not confirm, changes nothing; amounts are whole shillings.
/// </summary>
[Collection(nameof(MpesaCollection))]
public sealed class MpesaTests(MpesaMarket market)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task M_Pesa_is_offered_for_the_mpesa_method_on_a_KES_marketplace()
    {
        var providers = await Json.ReadAsync(await market.Factory.CreateClient().GetAsync(new Uri("/api/payments/providers", UriKind.Relative), Ct));
        var mpesa = Assert.Single(providers.GetProperty("items").EnumerateArray());
        Assert.Equal("mpesa", mpesa.GetProperty("name").GetString());
        Assert.Equal(["mpesa"], mpesa.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public async Task An_M_Pesa_checkout_is_placed_with_its_total_held_once_the_phone_accepts_and_a_redelivered_callback_credits_once()
    {
        var (buyer, productId) = await market.SetUpAsync(price: 125_000, stock: 5);
        using var _ = buyer;
        var order = await Json.ReadAsync(await MpesaMarket.BuyNowAsync(buyer, productId, quantity: 2), HttpStatusCode.Created);
        Assert.Equal(("awaiting-payment", 250_000L), (order.GetProperty("status").GetString(), order.GetProperty("total").GetInt64()));
        var payment = order.GetProperty("payment");
        Assert.Equal(("mpesa", "mpesa"), (payment.GetProperty("method").GetString(), payment.GetProperty("provider").GetString()));
        var checkoutId = payment.GetProperty("paymentId").GetString()!;
        Assert.StartsWith("ws_CO_", checkoutId, StringComparison.Ordinal);
        var push = market.Mpesa.Push(checkoutId)!;
        Assert.Equal((2_500L, MpesaMarket.Msisdn), (push["Amount"]!.GetValue<long>(), push["PhoneNumber"]!.GetValue<string>()));
        Assert.StartsWith($"{MpesaMarket.CallbackBase}/api/payments/webhooks/mpesa?", push["CallBackURL"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal((0L, 0L), await PaymentsMarket.BalancesAsync(buyer));
        Assert.Equal((3L, 2L), await market.StockAsync(productId, available: 3, reserved: 2));

        var callback = Assert.Single(await market.HeldCallbacksAsync(async () => Assert.Equal(HttpStatusCode.OK, await market.AnswerAsync(checkoutId, accept: true))));
        Assert.Equal(200, await market.Mpesa.DeliverAsync(callback, Ct));

        var orderId = order.GetProperty("id").GetGuid();
        var placed = await PaymentsMarket.OrderAsync(buyer, orderId);
        Assert.Equal("placed", placed.GetProperty("status").GetString());
        Assert.Equal(checkoutId, placed.GetProperty("payment").GetProperty("paymentId").GetString());
        Assert.Equal((0L, 250_000L), await PaymentsMarket.BalancesAsync(buyer));

        // Daraja's callback again (and again): the CheckoutRequestID is its event id, applied once.
        Assert.Equal(200, await market.Mpesa.DeliverAsync(callback, Ct));
        Assert.Equal(200, await market.Mpesa.DeliverAsync(callback, Ct));
        Assert.Equal((0L, 250_000L), await PaymentsMarket.BalancesAsync(buyer));
        Assert.Equal(250_000, await PaymentsMarket.EventuallyAsync(() => market.LedgerAsync(buyer.Id, "TOPUP"), 250_000));
        Assert.Equal(("succeeded", 250_000L), await PaymentsMarket.EventuallyAsync(() => market.PaymentRowAsync(checkoutId), ("succeeded", 250_000L)));
        Assert.Equal((3L, 2L), await market.StockAsync(productId, available: 3, reserved: 2));
    }

    [Fact]
    public async Task A_declined_push_leaves_the_order_awaiting_payment_and_a_new_push_pays_it()
    {
        var (buyer, productId) = await market.SetUpAsync(price: 40_000, stock: 2);
        using var _ = buyer;
        var order = await Json.ReadAsync(await MpesaMarket.BuyNowAsync(buyer, productId, quantity: 1, phone: "+254712345678"), HttpStatusCode.Created);
        var orderId = order.GetProperty("id").GetGuid();
        var first = order.GetProperty("payment").GetProperty("paymentId").GetString()!;

        Assert.Equal(HttpStatusCode.OK, await market.AnswerAsync(first, accept: false));

        Assert.Equal("awaiting-payment", (await PaymentsMarket.OrderAsync(buyer, orderId)).GetProperty("status").GetString());
        Assert.Equal((0L, 0L), await PaymentsMarket.BalancesAsync(buyer));
        Assert.Equal(("failed", 0L), await PaymentsMarket.EventuallyAsync(() => market.PaymentRowAsync(first), ("failed", 0L)));
        Assert.Equal((1L, 1L), await market.StockAsync(productId, available: 1, reserved: 1));

        // Paying again is a new push (a new CheckoutRequestID, so a new payment of its own), and the phone accepts it.
        var paying = await Json.ReadAsync(await buyer.Client.PostAsJsonAsync($"/api/orders/{orderId}/pay", new { paymentMethod = "mpesa", payerPhone = "254712345678" }, Ct));
        var second = paying.GetProperty("payment").GetProperty("paymentId").GetString()!;
        Assert.NotEqual(first, second);
        Assert.Equal(400L, market.Mpesa.Push(second)!["Amount"]!.GetValue<long>());
        Assert.Equal(HttpStatusCode.OK, await market.AnswerAsync(second, accept: true));

        var placed = await PaymentsMarket.OrderAsync(buyer, orderId);
        Assert.Equal(("placed", second), (placed.GetProperty("status").GetString(), placed.GetProperty("payment").GetProperty("paymentId").GetString()));
        Assert.Equal((0L, 40_000L), await PaymentsMarket.BalancesAsync(buyer));
        Assert.Equal(40_000, await PaymentsMarket.EventuallyAsync(() => market.LedgerAsync(buyer.Id, "TOPUP"), 40_000));
    }

    [Fact]
    public async Task A_callback_with_a_missing_or_wrong_token_is_refused_and_nothing_is_written()
    {
        using var user = await TestUsers.CreateAsync(market.Factory, "buyer");
        var checkoutId = await TopupAsync(user, 30_000);
        var callback = Assert.Single(await market.HeldCallbacksAsync(async () => Assert.Equal(HttpStatusCode.OK, await market.AnswerAsync(checkoutId, accept: true))));
        var address = callback.Url.PathAndQuery;
        var token = System.Web.HttpUtility.ParseQueryString(callback.Url.Query)["token"]!;
        string[] forged =
        [
            address[..address.IndexOf("&token=", StringComparison.Ordinal)],
            address.Replace(token, new string('0', token.Length), StringComparison.Ordinal),
            address.Replace(".30000.", ".90000.", StringComparison.Ordinal),
            address.Replace($"{user.Id:N}", $"{Guid.NewGuid():N}", StringComparison.Ordinal),
        ];
        foreach (var attempt in forged)
        {
            Assert.NotEqual(address, attempt);
            var problem = await MpesaMarket.ProblemAsync(await market.PostCallbackAsync(attempt, callback.Body));
            Assert.Equal(("webhook-signature-invalid", "token"), (problem.GetProperty("code").GetString(), problem.GetProperty("field").GetString()));
        }

        Assert.Equal((0L, 0L), await PaymentsMarket.BalancesAsync(user));
        Assert.Equal(("pending", 0L), await market.PaymentRowAsync(checkoutId));

        // The genuine callback still counts: the refusals left nothing behind.
        Assert.Equal(200, await market.Mpesa.DeliverAsync(callback, Ct));
        Assert.Equal((30_000L, 0L), await PaymentsMarket.BalancesAsync(user));
    }

    [Fact]
    public async Task A_forged_success_with_the_right_token_credits_nothing_until_M_Pesa_confirms_the_payment()
    {
        using var user = await TestUsers.CreateAsync(market.Factory, "buyer");
        var checkoutId = await TopupAsync(user, 20_000);
        var push = market.Mpesa.Push(checkoutId)!;
        var address = new Uri(push["CallBackURL"]!.GetValue<string>()).PathAndQuery;
        var forged = new JsonObject
        {
            ["Body"] = new JsonObject
            {
                ["stkCallback"] = new JsonObject
                {
                    ["MerchantRequestID"] = push["MerchantRequestID"]!.GetValue<string>(),
                    ["CheckoutRequestID"] = checkoutId,
                    ["ResultCode"] = 0,
                    ["ResultDesc"] = "The service request is processed successfully.",
                    ["CallbackMetadata"] = new JsonObject { ["Item"] = new JsonArray(new JsonObject { ["Name"] = "Amount", ["Value"] = 200 }) },
                },
            },
        }.ToJsonString();

        // The phone has not answered: M-Pesa's query says it is still being processed.
        var unanswered = await Json.ReadAsync(await market.PostCallbackAsync(address, forged));
        Assert.Equal(0, unanswered.GetProperty("applied").GetInt32());

        // The payer cancels: the query says 1032, and the forged success still credits nothing.
        var declined = Assert.Single(await market.HeldCallbacksAsync(async () => Assert.Equal(HttpStatusCode.OK, await market.AnswerAsync(checkoutId, accept: false))));
        Assert.Equal(0, (await Json.ReadAsync(await market.PostCallbackAsync(address, forged))).GetProperty("applied").GetInt32());
        Assert.Equal((0L, 0L), await PaymentsMarket.BalancesAsync(user));
        Assert.Equal(("pending", 0L), await market.PaymentRowAsync(checkoutId));

        Assert.Equal(200, await market.Mpesa.DeliverAsync(declined, Ct));
        Assert.Equal(0, (await Json.ReadAsync(await market.PostCallbackAsync(address, forged))).GetProperty("applied").GetInt32());
        Assert.Equal((0L, 0L), await PaymentsMarket.BalancesAsync(user));
        Assert.Equal(("failed", 0L), await PaymentsMarket.EventuallyAsync(() => market.PaymentRowAsync(checkoutId), ("failed", 0L)));
        Assert.Equal(0, await market.LedgerAsync(user.Id, "TOPUP"));
    }

    [Fact]
    public async Task A_topup_by_M_Pesa_credits_the_wallet_when_the_phone_accepts()
    {
        using var user = await TestUsers.CreateAsync(market.Factory, "buyer");
        var created = await Json.ReadAsync(await user.Client.SendAsync(Shop.Post("/api/wallet/topups", new { amount = 75_000, provider = "mpesa", payerPhone = "0112345678" }, Guid.NewGuid().ToString()), Ct), HttpStatusCode.Created);
        Assert.Equal(("mpesa", "KES", JsonValueKind.Null), (created.GetProperty("provider").GetString(), created.GetProperty("currency").GetString(), created.GetProperty("clientSecret").ValueKind));
        var checkoutId = created.GetProperty("id").GetString()!;
        Assert.Equal((750L, "254112345678"), (market.Mpesa.Push(checkoutId)!["Amount"]!.GetValue<long>(), market.Mpesa.Push(checkoutId)!["PhoneNumber"]!.GetValue<string>()));

        Assert.Equal(HttpStatusCode.OK, await market.AnswerAsync(checkoutId, accept: true));

        Assert.Equal((75_000L, 0L), await PaymentsMarket.BalancesAsync(user));
        Assert.Equal(75_000, await PaymentsMarket.EventuallyAsync(() => market.LedgerAsync(user.Id, "TOPUP"), 75_000));
        Assert.Equal(HttpStatusCode.NotFound, await market.AnswerAsync(checkoutId, accept: true));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0812345678")]
    [InlineData("+255712345678")]
    [InlineData("07123456789")]
    [InlineData("07l2345678")]
    public async Task A_missing_or_non_Kenyan_payer_phone_is_refused_naming_payerPhone_with_nothing_reserved_or_pushed(string? phone)
    {
        var (buyer, productId) = await market.SetUpAsync(price: 10_000, stock: 1);
        using var _ = buyer;
        var pushes = market.Mpesa.Pushes;

        var problems = new[]
        {
            await MpesaMarket.ProblemAsync(await MpesaMarket.BuyNowAsync(buyer, productId, quantity: 1, phone: phone)),
            await MpesaMarket.ProblemAsync(await buyer.Client.SendAsync(Shop.Post("/api/wallet/topups", new { amount = 10_000, provider = "mpesa", payerPhone = phone }, Guid.NewGuid().ToString()), Ct)),
        };

        Assert.All(problems, problem => Assert.Equal("payerPhone", problem.GetProperty("field").GetString()));
        Assert.Equal(pushes, market.Mpesa.Pushes);
        Assert.Equal((1L, 0L), await market.StockAsync(productId, available: 1, reserved: 0));
    }

    [Fact]
    public async Task An_amount_that_is_not_whole_shillings_is_refused_before_anything_is_reserved_or_pushed()
    {
        var (buyer, productId) = await market.SetUpAsync(price: 12_550, stock: 3);
        using var _ = buyer;
        var pushes = market.Mpesa.Pushes;

        var checkout = await MpesaMarket.ProblemAsync(await MpesaMarket.BuyNowAsync(buyer, productId, quantity: 1));
        Assert.Equal("paymentMethod", checkout.GetProperty("field").GetString());
        Assert.Contains("whole shillings", checkout.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var topup = await MpesaMarket.ProblemAsync(await buyer.Client.SendAsync(Shop.Post("/api/wallet/topups", new { amount = 10_050, provider = "mpesa", payerPhone = MpesaMarket.Phone }, Guid.NewGuid().ToString()), Ct));
        Assert.Equal("amount", topup.GetProperty("field").GetString());

        Assert.Equal(pushes, market.Mpesa.Pushes);
        Assert.Equal((3L, 0L), await market.StockAsync(productId, available: 3, reserved: 0));

        // Two of them are 251.00 shillings: that is payable.
        var order = await Json.ReadAsync(await MpesaMarket.BuyNowAsync(buyer, productId, quantity: 2), HttpStatusCode.Created);
        Assert.Equal(251L, market.Mpesa.Push(order.GetProperty("payment").GetProperty("paymentId").GetString()!)!["Amount"]!.GetValue<long>());
    }

    [Fact]
    public async Task An_M_Pesa_order_refunded_by_an_admin_sends_a_B2C_payment_to_the_payers_phone_once()
    {
        using var admin = await TestUsers.AdminAsync(market.Factory);
        var (buyer, productId) = await market.SetUpAsync(price: 60_000, stock: 1);
        using var _ = buyer;
        var order = await Json.ReadAsync(await MpesaMarket.BuyNowAsync(buyer, productId, quantity: 1), HttpStatusCode.Created);
        var orderId = order.GetProperty("id").GetGuid();
        var checkoutId = order.GetProperty("payment").GetProperty("paymentId").GetString()!;
        Assert.Equal(HttpStatusCode.OK, await market.AnswerAsync(checkoutId, accept: true));
        Assert.Equal((0L, 60_000L), await PaymentsMarket.BalancesAsync(buyer));

        var paid = market.Mpesa.B2CPayments;
        var key = Guid.NewGuid().ToString();
        var refund = await Json.ReadAsync(await admin.Client.SendAsync(Shop.Post($"/api/admin/orders/{orderId}/refund", new { amount = 20_000 }, key), Ct), HttpStatusCode.Created);
        Assert.Equal(("mpesa", checkoutId), (refund.GetProperty("destination").GetString(), refund.GetProperty("paymentId").GetString()));
        Assert.StartsWith("AG_", refund.GetProperty("providerRefundId").GetString(), StringComparison.Ordinal);
        var again = await Json.ReadAsync(await admin.Client.SendAsync(Shop.Post($"/api/admin/orders/{orderId}/refund", new { amount = 20_000 }, key), Ct), HttpStatusCode.Created);
        Assert.Equal(refund.GetProperty("id").GetGuid(), again.GetProperty("id").GetGuid());
        Assert.Equal(paid + 1, market.Mpesa.B2CPayments);

        var result = market.Mpesa.Callbacks.Last(c => c.Body.Contains("\"Result\"", StringComparison.Ordinal) && c.Url.Query.Contains(checkoutId, StringComparison.Ordinal));
        var parameters = JsonDocument.Parse(result.Body).RootElement.GetProperty("Result").GetProperty("ResultParameters").GetProperty("ResultParameter").EnumerateArray().ToDictionary(p => p.GetProperty("Key").GetString()!, p => p.GetProperty("Value").ToString());
        Assert.Equal("200", parameters["TransactionAmount"]);
        Assert.StartsWith(MpesaMarket.Msisdn, parameters["ReceiverPartyPublicName"], StringComparison.Ordinal);
        Assert.Equal(("refunded", 60_000L), await PaymentsMarket.EventuallyAsync(() => market.PaymentRowAsync(checkoutId), ("refunded", 60_000L)));
        Assert.Equal((0L, 40_000L), await PaymentsMarket.BalancesAsync(buyer));
        Assert.Equal(20_000, await PaymentsMarket.EventuallyAsync(() => market.LedgerAsync(buyer.Id, "WITHDRAWAL"), 20_000));
    }

    /// <summary>Starts an M-Pesa top-up of <paramref name="amount"/> and returns its CheckoutRequestID.</summary>
    private static async Task<string> TopupAsync(TestUser user, long amount)
    {
        var created = await Json.ReadAsync(await user.Client.SendAsync(Shop.Post("/api/wallet/topups", new { amount, provider = "mpesa", payerPhone = MpesaMarket.Phone }, Guid.NewGuid().ToString()), Ct), HttpStatusCode.Created);
        return created.GetProperty("id").GetString()!;
    }
}
