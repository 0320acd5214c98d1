using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using GrainMarket.StripeStandIn;

namespace GrainMarket.Chaos;

/// <summary>
/// Card checkouts under faults: a buy-now with <c>paymentMethod: card</c>, the PaymentIntent confirmed at the Stripe
/// stand-in (which holds its webhooks back), then its success delivered twice and a stale failure after it, each retried
/// across the gateways. It records the orders whose success a gateway acknowledged, and the amounts whose every
/// delivery had an unknown outcome (they may or may not have been credited).
/// </summary>
internal sealed class CardWorkload(Gateway gateway, StripeStandInServer stripe, string secretKey, string webhookSecret, IReadOnlyList<Actor> buyers, IReadOnlyList<Listing> listings) : IDisposable
{
    private readonly HttpClient _stripe = new() { BaseAddress = stripe.BaseAddress, DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", secretKey) } };
    private long _uncertain;

    /// <summary>Order id → the amount a gateway acknowledged receiving for it.</summary>
    public ConcurrentDictionary<Guid, long> Paid { get; } = new();

    /// <summary>What was paid at the stand-in but never heard acknowledged (0 or once credited).</summary>
    public long Uncertain => Interlocked.Read(ref _uncertain);

    public async Task BuyAsync(Random random)
    {
        var buyer = buyers[random.Next(buyers.Count)];
        var listing = listings[random.Next(listings.Count)];
        var body = new
        {
            productId = listing.ProductId,
            quantity = 1,
            paymentMethod = "card",
            shippingAddress = new { line1 = "1 Chaos Lane", city = "Entropy", region = "", postalCode = "4242", country = "NL" },
        };
        var (status, order) = await gateway.RetryAsync(random, HttpMethod.Post, "/api/checkout/buy-now", body, buyer.Token, Guid.NewGuid().ToString());
        if (status != 201 || order.GetProperty("payment").GetProperty("paymentId").GetString() is not { } intent)
        {
            return;
        }

        var total = order.GetProperty("total").GetInt64();
        using (var confirmed = await _stripe.PostAsync(new Uri($"/v1/payment_intents/{intent}/confirm", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string> { ["payment_method"] = "pm_card_visa" })))
        {
            if (!confirmed.IsSuccessStatusCode)
            {
                return;
            }
        }

        var succeeded = stripe.Events.Single(e => e.Type == "payment_intent.succeeded" && e.Body.Contains(intent, StringComparison.Ordinal));
        var stale = await stripe.EmitAsync("payment_intent.payment_failed", FailedIntent(intent), CancellationToken.None);
        var acknowledged = false;
        foreach (var webhook in new[] { succeeded, succeeded, stale })
        {
            var (delivered, _) = await gateway.RetryAsync(random, HttpMethod.Post, "/api/payments/webhooks/stripe", new SignedWebhook(webhook, webhookSecret), null, null);
            acknowledged |= delivered == 200 && webhook == succeeded;
        }

        if (acknowledged)
        {
            Paid[order.GetProperty("id").GetGuid()] = total;
        }
        else
        {
            Interlocked.Add(ref _uncertain, total);
        }
    }

    public void Dispose() => _stripe.Dispose();

    /// <summary>The PaymentIntent as a failed attempt before its success would have shown it.</summary>
    private JsonObject FailedIntent(string intent)
    {
        var failed = stripe.PaymentIntent(intent)!;
        failed["status"] = "requires_payment_method";
        failed["amount_received"] = 0L;
        return failed;
    }
}
