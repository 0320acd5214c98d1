using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GrainMarket.ApiGateway.Payments;
using GrainMarket.Gateway.Tests.Catalog;
using GrainMarket.Gateway.Tests.Orders;
using GrainMarket.Gateway.Tests.Support;
using GrainMarket.Payments;
using GrainMarket.RazorpayStandIn;
using Microsoft.Extensions.DependencyInjection;

namespace GrainMarket.Gateway.Tests.Payments;

/// <summary>
/// Razorpay against its stand-in, with real signatures: an order is created per payment and its key id handed to the
/// client; Checkout's signed handler callback and the signed <c>order.paid</c> webhook each apply the success, in
/// either order, once; forged signatures change nothing; refunds reach Razorpay once under a retried key.
/// </summary>
[Collection(nameof(PaymentsCollection))]
public sealed class RazorpayTests(PaymentsMarket market)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_razorpay_checkout_is_placed_with_its_total_held_once_it_is_paid()
    {
        using var seller = await TestUsers.CreateAsync(market.Factory, "seller");
        var productId = await CatalogSeed.ProductIdAsync(seller, await market.Shop.CategoryAsync(), price: 1_250, stock: 5);
        using var buyer = await TestUsers.CreateAsync(market.Factory, "buyer");
        var order = await Json.ReadAsync(await buyer.Client.SendAsync(Shop.Post("/api/checkout/buy-now", new { productId, quantity = 2, shippingAddress = Shop.Address, paymentMethod = "razorpay" }, Guid.NewGuid().ToString()), Ct), HttpStatusCode.Created);
        Assert.Equal("awaiting-payment", order.GetProperty("status").GetString());
        var payment = order.GetProperty("payment");
        Assert.Equal(("razorpay", "razorpay"), (payment.GetProperty("method").GetString(), payment.GetProperty("provider").GetString()));
        Assert.Equal(PaymentsMarket.RazorpayKeyId, order.GetProperty("clientKey").GetString());
        var razorpayOrder = payment.GetProperty("paymentId").GetString()!;
        var atRazorpay = market.Razorpay.Order(razorpayOrder)!;
        var orderId = order.GetProperty("id").GetGuid();
        Assert.Equal((2_500L, "USD", $"order:{orderId:N}"), (atRazorpay["amount"]!.GetValue<long>(), atRazorpay["currency"]!.GetValue<string>(), atRazorpay["receipt"]!.GetValue<string>()));
        Assert.Equal(orderId.ToString(), atRazorpay["notes"]!["order_id"]!.GetValue<string>());

        // Checkout.js pays; its webhooks (payment.captured, ignored, and order.paid) reach the gateway before the answer.
        var handler = await Json.ReadAsync(await market.PayRazorpayAsync(razorpayOrder));

        Assert.Equal("placed", (await PaymentsMarket.OrderAsync(buyer, orderId)).GetProperty("status").GetString());
        Assert.Equal((0L, 2_500L), await PaymentsMarket.BalancesAsync(buyer));
        var confirmed = await ConfirmAsync(buyer, handler);
        Assert.Equal(("succeeded", "order-placed"), (confirmed.GetProperty("status").GetString(), confirmed.GetProperty("outcome").GetString()));
        Assert.Equal((0L, 2_500L), await PaymentsMarket.BalancesAsync(buyer));
        Assert.Equal(2_500, await PaymentsMarket.EventuallyAsync(() => market.LedgerAsync(buyer.Id, "TOPUP"), 2_500));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_payment_confirmed_by_the_callback_and_the_webhook_in_either_order_credits_once(bool callbackFirst)
    {
        using var user = await TestUsers.CreateAsync(market.Factory, "buyer");
        var topup = await TopupAsync(user, 4_000);
        Assert.Equal((PaymentsMarket.RazorpayKeyId, "razorpay"), (topup.GetProperty("clientKey").GetString(), topup.GetProperty("provider").GetString()));
        var razorpayOrder = topup.GetProperty("id").GetString()!;
        JsonElement handler = default;
        var events = await market.HeldRazorpayEventsAsync(razorpayOrder, async () => handler = await Json.ReadAsync(await market.PayRazorpayAsync(razorpayOrder)));
        Assert.Equal(["payment.captured", "order.paid"], events.Select(e => e.Type));
        var paid = events[1];

        if (callbackFirst)
        {
            Assert.Equal("succeeded", (await ConfirmAsync(user, handler)).GetProperty("status").GetString());
            Assert.Equal(200, await market.Razorpay.DeliverAsync(paid, Ct));
            Assert.Equal("succeeded", (await ConfirmAsync(user, handler)).GetProperty("status").GetString());
        }
        else
        {
            Assert.Equal(200, await market.Razorpay.DeliverAsync(paid, Ct));
            Assert.Equal("succeeded", (await ConfirmAsync(user, handler)).GetProperty("status").GetString());
            Assert.Equal(200, await market.Razorpay.DeliverAsync(paid, Ct));
        }

        Assert.Equal(200, await market.Razorpay.DeliverAsync(events[0], Ct));
        Assert.Equal((4_000L, 0L), await PaymentsMarket.BalancesAsync(user));
        Assert.Equal(4_000, await PaymentsMarket.EventuallyAsync(() => market.LedgerAsync(user.Id, "TOPUP"), 4_000));
        Assert.Equal(("succeeded", 4_000L), await PaymentsMarket.EventuallyAsync(() => market.PaymentRowAsync(razorpayOrder, "razorpay"), ("succeeded", 4_000L)));
    }

    [Fact]
    public async Task A_failed_attempt_then_a_paid_one_credits_the_topup_once_and_records_its_owner()
    {
        using var user = await TestUsers.CreateAsync(market.Factory, "buyer");
        var razorpayOrder = (await TopupAsync(user, 1_500)).GetProperty("id").GetString()!;

        var failure = await Json.ReadAsync(await market.PayRazorpayAsync(razorpayOrder, success: false), HttpStatusCode.BadRequest);
        Assert.Equal("payment_failed", failure.GetProperty("error").GetProperty("reason").GetString());
        Assert.Equal(("failed", 0L), await PaymentsMarket.EventuallyAsync(() => market.PaymentRowAsync(razorpayOrder, "razorpay"), ("failed", 0L)));
        Assert.Equal((0L, 0L), await PaymentsMarket.BalancesAsync(user));

        var handler = await Json.ReadAsync(await market.PayRazorpayAsync(razorpayOrder));
        Assert.Equal("succeeded", (await ConfirmAsync(user, handler)).GetProperty("status").GetString());
        Assert.Equal((1_500L, 0L), await PaymentsMarket.BalancesAsync(user));
        Assert.Equal(("succeeded", 1_500L), await PaymentsMarket.EventuallyAsync(() => market.PaymentRowAsync(razorpayOrder, "razorpay"), ("succeeded", 1_500L)));

        // payment.failed names no owner; the success that followed did, and the row says so.
        Assert.Equal(("topup", user.Id), await market.PaymentOwnerAsync(razorpayOrder, "razorpay"));
    }

    [Fact]
    public async Task A_webhook_unsigned_forged_altered_or_without_its_event_id_is_refused_and_nothing_is_written()
    {
        using var user = await TestUsers.CreateAsync(market.Factory, "buyer");
        var razorpayOrder = (await TopupAsync(user, 1_200)).GetProperty("id").GetString()!;
        var paid = (await market.HeldRazorpayEventsAsync(razorpayOrder, async () => Assert.Equal(HttpStatusCode.OK, (await market.PayRazorpayAsync(razorpayOrder)).StatusCode))).Single(e => e.Type == "order.paid");
        var altered = paid.Body.Replace("1200", "9200", StringComparison.Ordinal);
        (string Body, string? Signature, string? EventId, string Field)[] forgeries =
        [
            (paid.Body, null, paid.Id, RazorpaySignature.WebhookHeader),
            (paid.Body, RazorpayHmac.Sign(paid.Body, "someone_elses_secret"), paid.Id, RazorpaySignature.WebhookHeader),
            (altered, RazorpayHmac.Sign(paid.Body, PaymentsMarket.RazorpayWebhookSecret), paid.Id, RazorpaySignature.WebhookHeader),
            (paid.Body, RazorpayHmac.Sign(paid.Body, PaymentsMarket.RazorpayWebhookSecret), null, RazorpaySignature.EventIdHeader),
        ];
        using var gateway = market.Factory.CreateClient();
        foreach (var (body, signature, eventId, field) in forgeries)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/payments/webhooks/razorpay") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            if (signature is not null)
            {
                request.Headers.Add(RazorpayHmac.SignatureHeader, signature);
            }

            if (eventId is not null)
            {
                request.Headers.Add(RazorpayHmac.EventIdHeader, eventId);
            }

            var problem = await Json.ReadAsync(await gateway.SendAsync(request, Ct), HttpStatusCode.BadRequest);
            Assert.Equal(("webhook-signature-invalid", field), (problem.GetProperty("code").GetString(), problem.GetProperty("field").GetString()));
        }

        Assert.Equal((0L, 0L), await PaymentsMarket.BalancesAsync(user));
        Assert.Equal(("pending", 0L), await market.PaymentRowAsync(razorpayOrder, "razorpay"));

        Assert.Equal(200, await market.Razorpay.DeliverAsync(paid, Ct));
        Assert.Equal((1_200L, 0L), await PaymentsMarket.BalancesAsync(user));
    }

    [Fact]
    public async Task A_callback_with_a_forged_signature_or_from_someone_else_changes_nothing()
    {
        using var user = await TestUsers.CreateAsync(market.Factory, "buyer");
        var razorpayOrder = (await TopupAsync(user, 2_200)).GetProperty("id").GetString()!;
        JsonElement handler = default;
        await market.HeldRazorpayEventsAsync(razorpayOrder, async () => handler = await Json.ReadAsync(await market.PayRazorpayAsync(razorpayOrder)));
        var paymentId = handler.GetProperty("razorpay_payment_id").GetString()!;
        var forged = new Dictionary<string, string>
        {
            ["razorpay_order_id"] = razorpayOrder,
            ["razorpay_payment_id"] = paymentId,
            ["razorpay_signature"] = RazorpayHmac.Sign($"{razorpayOrder}|{paymentId}", "not_the_key_secret"),
        };

        var problem = await Json.ReadAsync(await user.Client.PostAsJsonAsync("/api/payments/razorpay/confirm", forged, Ct), HttpStatusCode.BadRequest);
        Assert.Equal(("validation-failed", "razorpay_signature"), (problem.GetProperty("code").GetString(), problem.GetProperty("field").GetString()));
        using var someoneElse = await TestUsers.CreateAsync(market.Factory, "buyer");
        var notTheirs = await Json.ReadAsync(await someoneElse.Client.PostAsJsonAsync("/api/payments/razorpay/confirm", handler, Ct), HttpStatusCode.NotFound);
        Assert.Equal("not-found", notTheirs.GetProperty("code").GetString());
        Assert.Equal((0L, 0L), await PaymentsMarket.BalancesAsync(user));
        Assert.Equal((0L, 0L), await PaymentsMarket.BalancesAsync(someoneElse));
        Assert.Equal(("pending", 0L), await market.PaymentRowAsync(razorpayOrder, "razorpay"));

        Assert.Equal("credited", (await ConfirmAsync(user, handler)).GetProperty("outcome").GetString());
        Assert.Equal((2_200L, 0L), await PaymentsMarket.BalancesAsync(user));
    }

    [Fact]
    public async Task A_timed_out_order_create_is_retried_and_finds_its_order_by_its_receipt()
    {
        using var user = await TestUsers.CreateAsync(market.Factory, "buyer");
        var created = market.Razorpay.CreatedOrders;
        var key = Guid.NewGuid().ToString();
        market.Razorpay.DelayNextAnswer(PaymentsMarket.CallTimeout + TimeSpan.FromSeconds(1));

        var first = (await TopupAsync(user, 700, key)).GetProperty("id").GetString()!;

        Assert.Equal(created + 1, market.Razorpay.CreatedOrders);
        Assert.Equal(700, market.Razorpay.Order(first)!["amount"]!.GetValue<long>());
        Assert.Equal(RazorpayProvider.ReceiptLength, market.Razorpay.Order(first)!["receipt"]!.GetValue<string>().Length);
    }

    [Fact]
    public async Task An_admin_refund_of_a_razorpay_paid_order_reaches_razorpay_once_under_a_retried_key()
    {
        using var admin = await TestUsers.AdminAsync(market.Factory);
        using var seller = await TestUsers.CreateAsync(market.Factory, "seller");
        var productId = await CatalogSeed.ProductIdAsync(seller, await market.Shop.CategoryAsync(), price: 3_000, stock: 2);
        using var buyer = await TestUsers.CreateAsync(market.Factory, "buyer");
        var order = await Json.ReadAsync(await buyer.Client.SendAsync(Shop.Post("/api/checkout/buy-now", new { productId, quantity = 1, shippingAddress = Shop.Address, paymentMethod = "razorpay" }, Guid.NewGuid().ToString()), Ct), HttpStatusCode.Created);
        var orderId = order.GetProperty("id").GetGuid();
        var razorpayOrder = order.GetProperty("payment").GetProperty("paymentId").GetString()!;
        var handler = await Json.ReadAsync(await market.PayRazorpayAsync(razorpayOrder));
        var razorpayPayment = handler.GetProperty("razorpay_payment_id").GetString()!;
        Assert.Equal((0L, 3_000L), await PaymentsMarket.BalancesAsync(buyer));

        var refunds = market.Razorpay.CreatedRefunds;
        var key = Guid.NewGuid().ToString();
        // Razorpay's answer comes after the 2 s timeout: the gateway asks again under the same X-Refund-Idempotency key.
        market.Razorpay.DelayNextAnswer(PaymentsMarket.CallTimeout + TimeSpan.FromSeconds(1));
        var refund = await Json.ReadAsync(await admin.Client.SendAsync(Shop.Post($"/api/admin/orders/{orderId}/refund", new { amount = 1_000 }, key), Ct), HttpStatusCode.Created);
        var again = await Json.ReadAsync(await admin.Client.SendAsync(Shop.Post($"/api/admin/orders/{orderId}/refund", new { amount = 1_000 }, key), Ct), HttpStatusCode.Created);

        Assert.Equal(("razorpay", razorpayOrder), (refund.GetProperty("provider").GetString(), refund.GetProperty("paymentId").GetString()));
        Assert.StartsWith("rfnd_", refund.GetProperty("providerRefundId").GetString(), StringComparison.Ordinal);
        Assert.Equal(refund.GetProperty("providerRefundId").GetString(), again.GetProperty("providerRefundId").GetString());
        Assert.Equal(refunds + 1, market.Razorpay.CreatedRefunds);
        Assert.Equal(1_000, market.Razorpay.Payment(razorpayPayment)!["amount_refunded"]!.GetValue<long>());
        Assert.Equal((0L, 2_000L), await PaymentsMarket.BalancesAsync(buyer));
        Assert.Equal(1_000, await PaymentsMarket.EventuallyAsync(() => market.LedgerAsync(buyer.Id, "WITHDRAWAL"), 1_000));
    }

    [Fact]
    public async Task Verify_reports_a_paid_order_and_nothing_for_an_unpaid_one()
    {
        using var user = await TestUsers.CreateAsync(market.Factory, "buyer");
        var razorpayOrder = (await TopupAsync(user, 900)).GetProperty("id").GetString()!;
        var razorpay = market.Factory.Services.GetRequiredService<PaymentProviders>().Find("razorpay")!;
        Assert.Empty(await razorpay.VerifyAsync(razorpayOrder, Ct));

        await market.HeldRazorpayEventsAsync(razorpayOrder, async () => Assert.Equal(HttpStatusCode.OK, (await market.PayRazorpayAsync(razorpayOrder)).StatusCode));

        var verified = Assert.Single(await razorpay.VerifyAsync(razorpayOrder, Ct));
        Assert.Equal(new PaymentEvent("razorpay", $"verify:{razorpayOrder}:succeeded", PaymentEventKinds.Succeeded, razorpayOrder, 900, PaymentPurposes.Topup, user.Id, null), verified);
    }

    private static async Task<JsonElement> TopupAsync(TestUser user, long amount, string? key = null) =>
        await Json.ReadAsync(await user.Client.SendAsync(Shop.Post("/api/wallet/topups", new { amount, provider = "razorpay" }, key ?? Guid.NewGuid().ToString()), Ct), HttpStatusCode.Created);

    private static async Task<JsonElement> ConfirmAsync(TestUser user, JsonElement handler) =>
        await Json.ReadAsync(await user.Client.PostAsJsonAsync("/api/payments/razorpay/confirm", handler, Ct));
}
