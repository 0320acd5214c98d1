using System.Net;
using System.Text;
using GrainMarket.Gateway.Tests.Support;
using GrainMarket.StripeStandIn;

namespace GrainMarket.Gateway.Tests.Payments;

/// <summary>
/// Stripe's webhooks against the stand-in, with real signatures: a top-up is credited once however often and in
/// whatever order its events arrive, a refund is final, and a webhook that is unsigned, forged or too old is refused
/// before anything is read or written.
/// </summary>
[Collection(nameof(PaymentsCollection))]
public sealed class StripeWebhookTests(PaymentsMarket market)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Only_configured_providers_are_offered()
    {
        var providers = await Json.ReadAsync(await market.Factory.CreateClient().GetAsync(new Uri("/api/payments/providers", UriKind.Relative), Ct));
        Assert.Equal(
            ["stripe: card", "razorpay: razorpay"],
            providers.GetProperty("items").EnumerateArray().Select(p => $"{p.GetProperty("name").GetString()}: {string.Join(',', p.GetProperty("methods").EnumerateArray().Select(m => m.GetString()))}"));
    }

    [Fact]
    public async Task A_topup_is_credited_once_when_its_webhooks_arrive_three_times_and_out_of_order()
    {
        using var user = await TestUsers.CreateAsync(market.Factory, "buyer");
        var intent = await PaymentsMarket.TopupAsync(user, 5_000);
        var events = await market.HeldEventsAsync(intent, async () =>
        {
            // A declined card first, then a good one: Stripe sends payment_failed, then succeeded.
            Assert.Equal(HttpStatusCode.PaymentRequired, (await market.ConfirmAsync(intent, "pm_card_chargeDeclined")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await market.ConfirmAsync(intent)).StatusCode);
        });
        Assert.Equal(["payment_intent.payment_failed", "payment_intent.succeeded"], events.Select(e => e.Type));
        var (failed, succeeded) = (events[0], events[1]);

        // Succeeded, then the older failure, then succeeded twice more.
        foreach (var delivery in new[] { succeeded, failed, succeeded, succeeded })
        {
            Assert.Equal(200, await market.Stripe.DeliverAsync(delivery, Ct));
        }

        Assert.Equal((5_000L, 0L), await PaymentsMarket.BalancesAsync(user));
        Assert.Equal(5_000, await PaymentsMarket.EventuallyAsync(() => market.LedgerAsync(user.Id, "TOPUP"), 5_000));
        Assert.Equal(("succeeded", 5_000L), await PaymentsMarket.EventuallyAsync(() => market.PaymentRowAsync(intent), ("succeeded", 5_000L)));
    }

    [Fact]
    public async Task The_same_success_delivered_eight_times_at_once_credits_once()
    {
        using var user = await TestUsers.CreateAsync(market.Factory, "buyer");
        var intent = await PaymentsMarket.TopupAsync(user, 3_100);
        var succeeded = Assert.Single(await market.HeldEventsAsync(intent, async () => Assert.Equal(HttpStatusCode.OK, (await market.ConfirmAsync(intent)).StatusCode)));

        var statuses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => market.Stripe.DeliverAsync(succeeded, Ct)));

        Assert.All(statuses, status => Assert.Equal(200, status));
        Assert.Equal((3_100L, 0L), await PaymentsMarket.BalancesAsync(user));
        Assert.Equal(3_100, await PaymentsMarket.EventuallyAsync(() => market.LedgerAsync(user.Id, "TOPUP"), 3_100));
    }

    [Fact]
    public async Task A_success_that_arrives_after_the_refund_does_not_resurrect_the_payment()
    {
        using var user = await TestUsers.CreateAsync(market.Factory, "buyer");
        var intent = await PaymentsMarket.TopupAsync(user, 2_500);
        var events = await market.HeldEventsAsync(intent, async () =>
        {
            Assert.Equal(HttpStatusCode.OK, (await market.ConfirmAsync(intent)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await market.RefundAtStripeAsync(intent)).StatusCode);
        });
        Assert.Equal(["payment_intent.succeeded", "charge.refunded"], events.Select(e => e.Type));
        Assert.Equal(200, await market.Stripe.DeliverAsync(events[1], Ct));
        Assert.Equal(200, await market.Stripe.DeliverAsync(events[0], Ct));

        Assert.Equal((0L, 0L), await PaymentsMarket.BalancesAsync(user));
        Assert.Equal(("refunded", 0L), await PaymentsMarket.EventuallyAsync(() => market.PaymentRowAsync(intent), ("refunded", 0L)));
    }

    [Fact]
    public async Task An_unknown_event_type_is_acknowledged_and_ignored()
    {
        var ignored = await market.Stripe.EmitAsync("customer.created", new System.Text.Json.Nodes.JsonObject { ["id"] = "cus_123", ["object"] = "customer" }, Ct);
        Assert.Equal(200, await market.Stripe.DeliverAsync(ignored, Ct));
    }

    [Fact]
    public async Task A_webhook_without_a_signature_with_a_forged_one_or_an_old_one_is_refused_and_nothing_is_written()
    {
        using var user = await TestUsers.CreateAsync(market.Factory, "buyer");
        var intent = await PaymentsMarket.TopupAsync(user, 1_200);
        var succeeded = Assert.Single(await market.HeldEventsAsync(intent, async () => Assert.Equal(HttpStatusCode.OK, (await market.ConfirmAsync(intent)).StatusCode)));
        var now = DateTimeOffset.UtcNow;
        string?[] signatures =
        [
            null,
            StripeWebhookSignature.Sign(succeeded.Body, "whsec_someone_else", now),
            StripeWebhookSignature.Sign(succeeded.Body, PaymentsMarket.WebhookSecret, now.AddSeconds(-301)),
            StripeWebhookSignature.Sign(succeeded.Body.Replace("1200", "9200", StringComparison.Ordinal), PaymentsMarket.WebhookSecret, now),
        ];
        using var gateway = market.Factory.CreateClient();
        foreach (var signature in signatures)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/payments/webhooks/stripe") { Content = new StringContent(succeeded.Body, Encoding.UTF8, "application/json") };
            if (signature is not null)
            {
                request.Headers.Add(StripeWebhookSignature.Header, signature);
            }

            var problem = await Json.ReadAsync(await gateway.SendAsync(request, Ct), HttpStatusCode.BadRequest);
            Assert.Equal("webhook-signature-invalid", problem.GetProperty("code").GetString());
        }

        Assert.Equal((0L, 0L), await PaymentsMarket.BalancesAsync(user));
        Assert.Equal(("pending", 0L), await market.PaymentRowAsync(intent));

        // The genuine delivery still counts: the refusals left nothing behind that would make it a repeat.
        Assert.Equal(200, await market.Stripe.DeliverAsync(succeeded, Ct));
        Assert.Equal((1_200L, 0L), await PaymentsMarket.BalancesAsync(user));
    }

    [Fact]
    public async Task A_call_to_Stripe_that_times_out_is_retried_with_the_same_idempotency_key_and_creates_one_payment()
    {
        using var user = await TestUsers.CreateAsync(market.Factory, "buyer");
        var created = market.Stripe.CreatedPaymentIntents;
        market.Stripe.DelayNextAnswer(PaymentsMarket.CallTimeout + TimeSpan.FromSeconds(1));
        var intent = await PaymentsMarket.TopupAsync(user, 700);

        Assert.Equal(created + 1, market.Stripe.CreatedPaymentIntents);
        Assert.Equal(700, market.Stripe.PaymentIntent(intent)!["amount"]!.GetValue<long>());
        Assert.Equal(HttpStatusCode.OK, (await market.ConfirmAsync(intent)).StatusCode);
        Assert.Equal((700L, 0L), await PaymentsMarket.BalancesAsync(user));
    }
}
