using System.Net;
using GrainMarket.ApiGateway.Payments;
using GrainMarket.Gateway.Tests.Catalog;
using GrainMarket.Gateway.Tests.Orders;
using GrainMarket.Gateway.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GrainMarket.Gateway.Tests.Payments;

/// <summary>
/// Verification in the background: a payment whose webhook never comes is asked about at the provider (the Stripe
/// stand-in) and applied as its webhook would have been; the webhook arriving after all changes nothing.
/// </summary>
[Collection(nameof(PaymentsCollection))]
public sealed class VerificationTests(PaymentsMarket market)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private PaymentVerifier Verifier => market.Factory.Services.GetRequiredService<PaymentVerifier>();

    [Fact]
    public async Task A_card_checkout_whose_webhook_never_comes_is_placed_by_verification_and_the_late_webhook_changes_nothing()
    {
        using var seller = await TestUsers.CreateAsync(market.Factory, "seller");
        var productId = await CatalogSeed.ProductIdAsync(seller, await market.Shop.CategoryAsync(), price: 1_100, stock: 2);
        using var buyer = await TestUsers.CreateAsync(market.Factory, "buyer");
        var order = await Json.ReadAsync(await buyer.Client.SendAsync(Shop.Post("/api/checkout/buy-now", new { productId, quantity = 2, shippingAddress = Shop.Address, paymentMethod = "card" }, Guid.NewGuid().ToString()), Ct), HttpStatusCode.Created);
        var orderId = order.GetProperty("id").GetGuid();
        var intent = order.GetProperty("payment").GetProperty("paymentId").GetString()!;
        Assert.Equal(("pending", 0L), await market.PaymentRowAsync(intent));

        // Paid at Stripe, but its webhook is lost.
        var succeeded = Assert.Single(await market.HeldEventsAsync(intent, async () => Assert.Equal(HttpStatusCode.OK, (await market.ConfirmAsync(intent)).StatusCode)));
        Assert.Equal("awaiting-payment", (await PaymentsMarket.OrderAsync(buyer, orderId)).GetProperty("status").GetString());

        var (asked, applied) = await Verifier.SweepAsync(TimeSpan.Zero, Ct);
        Assert.True(asked >= 1 && applied >= 1, $"asked {asked}, applied {applied}");

        Assert.Equal("placed", (await PaymentsMarket.OrderAsync(buyer, orderId)).GetProperty("status").GetString());
        Assert.Equal((0L, 2_200L), await PaymentsMarket.BalancesAsync(buyer));
        Assert.Equal(("succeeded", 2_200L), await PaymentsMarket.EventuallyAsync(() => market.PaymentRowAsync(intent), ("succeeded", 2_200L)));

        // The webhook arrives after all, twice: nothing more is credited or held.
        Assert.Equal(200, await market.Stripe.DeliverAsync(succeeded, Ct));
        Assert.Equal(200, await market.Stripe.DeliverAsync(succeeded, Ct));
        Assert.Equal((0L, 2_200L), await PaymentsMarket.BalancesAsync(buyer));
        Assert.Equal(2_200, await PaymentsMarket.EventuallyAsync(() => market.LedgerAsync(buyer.Id, "TOPUP"), 2_200));

        // A settled payment is not asked about again.
        await Verifier.SweepAsync(TimeSpan.Zero, Ct);
        Assert.Equal(2_200, await market.LedgerAsync(buyer.Id, "TOPUP"));
    }

    [Fact]
    public async Task A_top_up_not_yet_paid_stays_pending_when_verified_and_is_credited_once_when_paid_without_its_webhook()
    {
        using var user = await TestUsers.CreateAsync(market.Factory, "buyer");
        var intent = await PaymentsMarket.TopupAsync(user, 800);

        await Verifier.SweepAsync(TimeSpan.Zero, Ct);
        Assert.Equal(("pending", 0L), await market.PaymentRowAsync(intent));
        Assert.Equal((0L, 0L), await PaymentsMarket.BalancesAsync(user));

        var succeeded = Assert.Single(await market.HeldEventsAsync(intent, async () => Assert.Equal(HttpStatusCode.OK, (await market.ConfirmAsync(intent)).StatusCode)));
        await Verifier.SweepAsync(TimeSpan.Zero, Ct);
        await Verifier.SweepAsync(TimeSpan.Zero, Ct);
        Assert.Equal((800L, 0L), await PaymentsMarket.BalancesAsync(user));

        Assert.Equal(200, await market.Stripe.DeliverAsync(succeeded, Ct));
        Assert.Equal((800L, 0L), await PaymentsMarket.BalancesAsync(user));
        Assert.Equal(800, await PaymentsMarket.EventuallyAsync(() => market.LedgerAsync(user.Id, "TOPUP"), 800));
    }

    [Fact]
    public async Task A_sweep_skips_its_round_while_another_gateway_holds_the_sweep()
    {
        using var user = await TestUsers.CreateAsync(market.Factory, "buyer");
        var intent = await PaymentsMarket.TopupAsync(user, 300);
        _ = await market.HeldEventsAsync(intent, async () => Assert.Equal(HttpStatusCode.OK, (await market.ConfirmAsync(intent)).StatusCode));

        await using (await market.HoldSweepLockAsync())
        {
            Assert.Equal((0, 0), await Verifier.SweepAsync(TimeSpan.Zero, Ct));
            Assert.Equal((0L, 0L), await PaymentsMarket.BalancesAsync(user));
        }

        // Another gateway of the test run may be sweeping at this moment (its round then skips this one): sweep until the
        // credit shows, once.
        Assert.Equal((300L, 0L), await PaymentsMarket.EventuallyAsync(
            async () =>
            {
                await Verifier.SweepAsync(TimeSpan.Zero, Ct);
                return await PaymentsMarket.BalancesAsync(user);
            },
            (300L, 0L)));
    }
}
