using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using GrainMarket.Gateway.Tests.Catalog;
using GrainMarket.Gateway.Tests.Orders;
using GrainMarket.Gateway.Tests.Support;
using GrainMarket.StripeStandIn;
using GrainMarket.Wallets;
using Microsoft.Extensions.DependencyInjection;
using Orleans;

namespace GrainMarket.Gateway.Tests.Payments;

/// <summary>
/// Stripe Connect against the stand-in: a seller links an Express account and onboards, the <c>account.updated</c>
/// webhook makes it ready (and an older one does not undo that), and settlement then pays the seller by one transfer of
/// their share with the 2% fee kept, the ledger showing PAYMENT then WITHDRAWAL and the money conserved; a refused
/// transfer stays pending and is retried; a seller without an account is paid into their wallet as before.
/// </summary>
[Collection(nameof(PaymentsCollection))]
public sealed class ConnectPayoutTests(PaymentsMarket market)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_seller_links_an_account_whose_onboarding_webhook_makes_it_ready_and_an_older_report_does_not_undo_it()
    {
        using var seller = await TestUsers.CreateAsync(market.Factory, "seller");
        Assert.Equal(HttpStatusCode.NotFound, (await seller.Client.GetAsync(new Uri("/api/seller/payout-account", UriKind.Relative), Ct)).StatusCode);

        var first = await LinkAsync(seller);
        var accountId = first.GetProperty("accountId").GetString()!;
        Assert.StartsWith("acct_", accountId, StringComparison.Ordinal);
        Assert.False(first.GetProperty("payoutsEnabled").GetBoolean());
        Assert.Contains("/standin/onboarding/" + accountId, first.GetProperty("onboardingUrl").GetString(), StringComparison.Ordinal);
        Assert.Equal(seller.Id.ToString(), (string?)market.Stripe.Account(accountId)!["metadata"]!["seller_id"]);

        // Asked again: the same account, a fresh link.
        var second = await LinkAsync(seller);
        Assert.Equal(accountId, second.GetProperty("accountId").GetString());
        Assert.NotEqual(first.GetProperty("onboardingUrl").GetString(), second.GetProperty("onboardingUrl").GetString());

        var events = await market.HeldEventsAsync(accountId, () => market.CompleteOnboardingAsync(accountId));
        var updated = Assert.Single(events);
        Assert.Equal("account.updated", updated.Type);
        Assert.False((await AccountAsync(seller)).GetProperty("payoutsEnabled").GetBoolean());

        Assert.Equal(200, await market.Stripe.DeliverAsync(updated, Ct));
        var ready = await AccountAsync(seller);
        Assert.Equal((true, true, true), (ready.GetProperty("payoutsEnabled").GetBoolean(), ready.GetProperty("transfersActive").GetBoolean(), ready.GetProperty("canReceiveTransfers").GetBoolean()));

        // Redelivered, and a report made a minute earlier (not yet onboarded) arriving late: neither changes it.
        Assert.Equal(200, await market.Stripe.DeliverAsync(updated, Ct));
        await market.Stripe.EmitAsync("account.updated", AccountObject(accountId, seller.Id, ready: false), DateTimeOffset.UtcNow.AddMinutes(-1), Ct);
        var after = await AccountAsync(seller);
        Assert.Equal((true, true), (after.GetProperty("payoutsEnabled").GetBoolean(), after.GetProperty("canReceiveTransfers").GetBoolean()));
        Assert.Equal(ready.GetProperty("statusAt").GetDateTimeOffset(), after.GetProperty("statusAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task An_account_update_signed_with_the_connect_endpoints_secret_is_applied_and_one_signed_with_another_is_refused()
    {
        using var seller = await TestUsers.CreateAsync(market.Factory, "seller");
        var accountId = (await LinkAsync(seller)).GetProperty("accountId").GetString()!;
        var body = new JsonObject
        {
            ["id"] = $"evt_connect_{Guid.NewGuid():N}",
            ["object"] = "event",
            ["account"] = accountId,
            ["api_version"] = StripeStandInServer.ApiVersion,
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["data"] = new JsonObject { ["object"] = AccountObject(accountId, seller.Id, ready: true) },
            ["livemode"] = false,
            ["pending_webhooks"] = 1,
            ["type"] = "account.updated",
        }.ToJsonString();
        using var client = market.Factory.CreateClient();

        Assert.Equal(HttpStatusCode.BadRequest, (await PostWebhookAsync(client, body, "whsec_someone_else")).StatusCode);
        Assert.False((await AccountAsync(seller)).GetProperty("canReceiveTransfers").GetBoolean());

        var applied = await Json.ReadAsync(await PostWebhookAsync(client, body, PaymentsMarket.ConnectWebhookSecret));
        Assert.Equal(1, applied.GetProperty("applied").GetInt32());
        Assert.True((await AccountAsync(seller)).GetProperty("canReceiveTransfers").GetBoolean());
    }

    [Fact]
    public async Task A_connect_sellers_settlement_makes_one_transfer_with_two_percent_kept()
    {
        using var admin = await TestUsers.AdminAsync(market.Factory);
        using var seller = await TestUsers.CreateAsync(market.Factory, "seller");
        var accountId = (await LinkAsync(seller)).GetProperty("accountId").GetString()!;
        await market.CompleteOnboardingAsync(accountId);
        Assert.True((await AccountAsync(seller)).GetProperty("canReceiveTransfers").GetBoolean());

        var productId = await CatalogSeed.ProductIdAsync(seller, await market.Shop.CategoryAsync(), price: 10_000, stock: 1);
        using var buyer = await market.Shop.BuyerAsync(10_000);
        var orderId = (await Json.ReadAsync(await Shop.BuyNowAsync(buyer, productId, 1), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var platformBefore = await PlatformAsync();
        await RefundTests.CompleteAsync(admin, seller, buyer, orderId);

        var transfer = Assert.Single(await TransfersAsync(orderId, 1));
        Assert.Equal((9_800L, accountId, "usd"), (transfer["amount"]!.GetValue<long>(), (string?)transfer["destination"], (string?)transfer["currency"]));
        Assert.Equal(seller.Id.ToString(), (string?)transfer["metadata"]!["seller_id"]);
        Assert.Equal(platformBefore + 200, await PlatformAsync());
        Assert.Equal((0L, 0L), await PaymentsMarket.BalancesAsync(seller));
        Assert.Equal(9_800, await PaymentsMarket.EventuallyAsync(() => market.LedgerAsync(seller.Id, "PAYMENT"), 9_800));
        Assert.Equal(9_800, await PaymentsMarket.EventuallyAsync(() => market.LedgerAsync(seller.Id, "WITHDRAWAL"), 9_800));

        var row = await PayoutRowAsync(admin, orderId, "sent");
        Assert.Equal((9_800L, (string?)transfer["id"], $"transfer:{orderId}:{seller.Id}"), (row.GetProperty("amount").GetInt64(), row.GetProperty("transferId").GetString(), row.GetProperty("key").GetString()));
        await RefundTests.AssertAuditConsistentAsync(admin);

        // The seller's share has left the platform: a refund after settlement finds their wallet empty and is refused, moving nothing.
        var refused = await Json.ReadAsync(await admin.Client.SendAsync(Shop.Post($"/api/admin/orders/{orderId}/refund", new { }, Guid.NewGuid().ToString()), Ct), HttpStatusCode.Conflict);
        Assert.Equal("seller-funds-insufficient", refused.GetProperty("code").GetString());
        Assert.Equal((0L, 0L), await PaymentsMarket.BalancesAsync(buyer));
        Assert.Equal(platformBefore + 200, await PlatformAsync());
        Assert.Single(await TransfersAsync(orderId, 1));
    }

    [Fact]
    public async Task A_transfer_whose_first_answer_came_after_the_timeout_is_sent_again_under_its_key_and_makes_one_transfer()
    {
        using var admin = await TestUsers.AdminAsync(market.Factory);
        using var seller = await TestUsers.CreateAsync(market.Factory, "seller");
        var accountId = (await LinkAsync(seller)).GetProperty("accountId").GetString()!;
        await market.CompleteOnboardingAsync(accountId);
        var productId = await CatalogSeed.ProductIdAsync(seller, await market.Shop.CategoryAsync(), price: 2_500, stock: 1);
        using var buyer = await market.Shop.BuyerAsync(2_500);
        var orderId = (await Json.ReadAsync(await Shop.BuyNowAsync(buyer, productId, 1), HttpStatusCode.Created)).GetProperty("id").GetGuid();

        // Completing a wallet-paid order calls Stripe once: its transfer, whose answer comes after the 2 s timeout.
        var requests = market.Stripe.Requests;
        market.Stripe.DelayNextAnswer(PaymentsMarket.CallTimeout + TimeSpan.FromSeconds(1));
        await RefundTests.CompleteAsync(admin, seller, buyer, orderId);
        var row = await PayoutRowAsync(admin, orderId, "sent");
        Assert.True(market.Stripe.Requests >= requests + 2, $"Stripe was asked {market.Stripe.Requests - requests} times; the timed-out transfer should have been asked again.");
        var transfer = Assert.Single(await TransfersAsync(orderId, 1));
        Assert.Equal((2_450L, (string?)transfer["id"]), (transfer["amount"]!.GetValue<long>(), row.GetProperty("transferId").GetString()));
        await RefundTests.AssertAuditConsistentAsync(admin);
    }

    [Fact]
    public async Task A_refused_transfer_stays_pending_with_its_error_and_is_retried_until_the_account_can_receive_it()
    {
        using var admin = await TestUsers.AdminAsync(market.Factory);
        using var seller = await TestUsers.CreateAsync(market.Factory, "seller");
        var accountId = (await LinkAsync(seller)).GetProperty("accountId").GetString()!;

        // Stripe reports the account ready, but its transfers capability is not active yet at Stripe: transfers are refused.
        await market.Stripe.EmitAsync("account.updated", AccountObject(accountId, seller.Id, ready: true), Ct);
        Assert.True((await AccountAsync(seller)).GetProperty("canReceiveTransfers").GetBoolean());

        var productId = await CatalogSeed.ProductIdAsync(seller, await market.Shop.CategoryAsync(), price: 5_000, stock: 1);
        using var buyer = await market.Shop.BuyerAsync(5_000);
        var orderId = (await Json.ReadAsync(await Shop.BuyNowAsync(buyer, productId, 1), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await RefundTests.CompleteAsync(admin, seller, buyer, orderId);

        var pending = await PaymentsMarket.EventuallyAsync(() => PayoutRowOrDefaultAsync(admin, orderId), r => r is { } found && found.GetProperty("attempts").GetInt32() >= 2);
        Assert.NotNull(pending);
        Assert.Equal("pending", pending.Value.GetProperty("status").GetString());
        Assert.Contains("capabilities", pending.Value.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, pending.Value.GetProperty("transferId").ValueKind);
        Assert.Empty(await TransfersAsync(orderId, 0));
        Assert.Equal((0L, 0L), await PaymentsMarket.BalancesAsync(seller));

        // Each refusal doubles the wait (1 s, 2 s, 4 s… in this market): onboarding now, the next attempt goes through.
        await market.CompleteOnboardingAsync(accountId);
        var sent = await PayoutRowAsync(admin, orderId, "sent");
        var transfer = Assert.Single(await TransfersAsync(orderId, 1));
        Assert.Equal((4_900L, (string?)transfer["id"]), (transfer["amount"]!.GetValue<long>(), sent.GetProperty("transferId").GetString()));
        Assert.Equal(4_900, await PaymentsMarket.EventuallyAsync(() => market.LedgerAsync(seller.Id, "WITHDRAWAL"), 4_900));
        await RefundTests.AssertAuditConsistentAsync(admin);
    }

    [Fact]
    public async Task A_seller_without_a_ready_account_is_paid_into_their_wallet()
    {
        using var admin = await TestUsers.AdminAsync(market.Factory);
        using var seller = await TestUsers.CreateAsync(market.Factory, "seller");
        using var linked = await TestUsers.CreateAsync(market.Factory, "seller");
        await LinkAsync(linked);
        var productId = await CatalogSeed.ProductIdAsync(seller, await market.Shop.CategoryAsync(), price: 10_000, stock: 1);
        var linkedProductId = await CatalogSeed.ProductIdAsync(linked, await market.Shop.CategoryAsync(), price: 1_000, stock: 1);
        using var buyer = await market.Shop.BuyerAsync(11_000);
        var orderId = (await Json.ReadAsync(await Shop.BuyNowAsync(buyer, productId, 1), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var linkedOrderId = (await Json.ReadAsync(await Shop.BuyNowAsync(buyer, linkedProductId, 1), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await RefundTests.CompleteAsync(admin, seller, buyer, orderId);
        await RefundTests.CompleteAsync(admin, linked, buyer, linkedOrderId);

        // No account, and an account not yet onboarded: both paid into the wallet, less 2%.
        Assert.Equal((9_800L, 0L), await PaymentsMarket.BalancesAsync(seller));
        Assert.Equal((980L, 0L), await PaymentsMarket.BalancesAsync(linked));
        Assert.Null(await PayoutRowOrDefaultAsync(admin, orderId));
        Assert.Null(await PayoutRowOrDefaultAsync(admin, linkedOrderId));
        Assert.Equal(0, await market.LedgerAsync(seller.Id, "WITHDRAWAL"));
        Assert.Empty(await TransfersAsync(orderId, 0));
        await RefundTests.AssertAuditConsistentAsync(admin);
    }

    private static async Task<HttpResponseMessage> PostWebhookAsync(HttpClient client, string body, string secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/payments/webhooks/stripe") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add(StripeWebhookSignature.Header, StripeWebhookSignature.Sign(body, secret, DateTimeOffset.UtcNow));
        return await client.SendAsync(request, Ct);
    }

    private static async Task<JsonElement> LinkAsync(TestUser seller) =>
        await Json.ReadAsync(await seller.Client.PostAsync(new Uri("/api/seller/payout-account", UriKind.Relative), null, Ct));

    private static async Task<JsonElement> AccountAsync(TestUser seller) =>
        await Json.ReadAsync(await seller.Client.GetAsync(new Uri("/api/seller/payout-account", UriKind.Relative), Ct));

    /// <summary>An Express account as Stripe renders it in an <c>account.updated</c>, onboarded or not.</summary>
    private static JsonObject AccountObject(string accountId, Guid sellerId, bool ready) => new()
    {
        ["id"] = accountId,
        ["object"] = "account",
        ["type"] = "express",
        ["charges_enabled"] = ready,
        ["payouts_enabled"] = ready,
        ["details_submitted"] = ready,
        ["capabilities"] = new JsonObject { ["transfers"] = ready ? "active" : "inactive" },
        ["metadata"] = new JsonObject { ["seller_id"] = sellerId.ToString() },
    };

    /// <summary>The stand-in's transfers of <paramref name="orderId"/> (its transfer group), once there are <paramref name="expected"/> (at most 30 s).</summary>
    private async Task<IReadOnlyList<JsonObject>> TransfersAsync(Guid orderId, int expected) =>
        await PaymentsMarket.EventuallyAsync(
            () => Task.FromResult<IReadOnlyList<JsonObject>>([.. market.Stripe.Transfers.Where(t => (string?)t["transfer_group"] == orderId.ToString())]),
            found => found.Count >= expected);

    /// <summary>The order's row in the admin's list of transfers once it has <paramref name="status"/> (at most 30 s).</summary>
    private static async Task<JsonElement> PayoutRowAsync(TestUser admin, Guid orderId, string status)
    {
        var row = await PaymentsMarket.EventuallyAsync(() => PayoutRowOrDefaultAsync(admin, orderId), r => r?.GetProperty("status").GetString() == status);
        Assert.True(row?.GetProperty("status").GetString() == status, $"Transfer of order {orderId}: expected {status}, found {row?.ToString() ?? "none"}");
        return row!.Value;
    }

    private static async Task<JsonElement?> PayoutRowOrDefaultAsync(TestUser admin, Guid orderId)
    {
        var page = await Json.ReadAsync(await admin.Client.GetAsync(new Uri("/api/admin/payouts?limit=200", UriKind.Relative), Ct));
        return page.GetProperty("items").EnumerateArray().Where(r => r.GetProperty("orderId").GetGuid() == orderId).Select(r => (JsonElement?)r).FirstOrDefault();
    }

    private async Task<long> PlatformAsync() =>
        (await market.Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IWalletGrain>(WalletKeys.Platform).GetBalanceAsync()).Available;
}
