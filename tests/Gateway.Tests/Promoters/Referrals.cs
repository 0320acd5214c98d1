using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GrainMarket.Gateway.Tests.Orders;
using GrainMarket.Gateway.Tests.Returns;
using GrainMarket.Gateway.Tests.Support;
using GrainMarket.Promoters;
using GrainMarket.Wallets;
using Microsoft.Extensions.DependencyInjection;
using Orleans;

namespace GrainMarket.Gateway.Tests.Promoters;

/// <summary>Promoters through the public API: codes, links, rules, referred checkouts, and the figures to assert on.</summary>
public static class Referrals
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A code of this test's own, in lower case (codes are compared in upper case).</summary>
    public static string NewCode() => $"r{Guid.NewGuid():N}"[..20];

    /// <summary>A new promoter, their wallet funded with <paramref name="funds"/> by an admin.</summary>
    public static async Task<TestUser> PromoterAsync(GatewayFactory factory, long funds = 0)
    {
        var promoter = await TestUsers.CreateAsync(factory, "promoter");
        if (funds > 0)
        {
            using var admin = await TestUsers.AdminAsync(factory);
            await Json.ReadAsync(await admin.Client.SendAsync(Shop.Post($"/api/admin/wallets/{promoter.Id}/credits", new { amount = funds, reason = "test funds" }, Guid.NewGuid().ToString()), Ct));
        }

        return promoter;
    }

    /// <summary>Creates the code for the promoter (store-wide without a product) and answers it.</summary>
    public static async Task<string> CodeAsync(TestUser promoter, Guid? productId = null, string? code = null) =>
        (await Json.ReadAsync(await promoter.Client.SendAsync(Shop.Post("/api/promoter/referrals", new { code = code ?? NewCode(), productId }, Guid.NewGuid().ToString()), Ct), HttpStatusCode.Created))
            .GetProperty("code").GetString()!;

    /// <summary>An admin's rule for one product: its id.</summary>
    public static async Task<Guid> RuleAsync(TestUser admin, object rule) =>
        (await Json.ReadAsync(await admin.Client.SendAsync(Shop.Post("/api/admin/commission-rules", rule, Guid.NewGuid().ToString()), Ct), HttpStatusCode.Created)).GetProperty("id").GetGuid();

    public static Task<HttpResponseMessage> BuyNowAsync(TestUser buyer, Guid productId, int quantity, string? referralCode, string? cookie = null)
    {
        var request = Shop.Post("/api/checkout/buy-now", new { productId, quantity, shippingAddress = Shop.Address, referralCode }, Guid.NewGuid().ToString());
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        return buyer.Client.SendAsync(request, Ct);
    }

    /// <summary>Follows a link without following its redirect; answers (status, Location, the cookie to send back or null).</summary>
    public static async Task<(HttpStatusCode Status, string? Location, string? Cookie)> FollowAsync(GatewayFactory factory, string code)
    {
        using var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var response = await client.GetAsync(new Uri($"/r/{code}", UriKind.Relative), Ct);
        var cookie = response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]).FirstOrDefault(v => v.StartsWith("gm_ref=", StringComparison.Ordinal)) : null;
        return (response.StatusCode, response.Headers.Location?.ToString(), cookie);
    }

    /// <summary>Places a referred buy-now order and has it accepted, shipped and delivered; answers the order.</summary>
    public static async Task<JsonElement> DeliveredAsync(ReturnDesk desk, int quantity, string? code, string? cookie = null)
    {
        var order = await Json.ReadAsync(await BuyNowAsync(desk.Buyer, desk.ProductId, quantity, code, cookie), HttpStatusCode.Created);
        var orderId = order.GetProperty("id").GetGuid();
        await ReturnDesk.StepAsync(desk.Seller, $"/api/orders/{orderId}/accept");
        await ReturnDesk.StepAsync(desk.Seller, $"/api/orders/{orderId}/ship");
        await ReturnDesk.StepAsync(desk.Admin, $"/api/orders/{orderId}/deliver");
        return order;
    }

    /// <summary>The order's referral, from its grain (null: not referred).</summary>
    public static async Task<OrderReferral?> ReferralOfAsync(GatewayFactory factory, Guid orderId) =>
        (await factory.Services.GetRequiredService<IGrainFactory>().GetGrain<GrainMarket.Orders.IOrderGrain>(orderId).GetAsync())!.Referral;

    /// <summary>Credits the platform wallet from outside (an adjustment), so it can fund platform commissions.</summary>
    public static async Task FundPlatformAsync(GatewayFactory factory, long amount) =>
        Assert.True((await GrainMarket.ApiGateway.Http.TransactionRetry.RunAsync(() => factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IWalletGrain>(WalletKeys.Platform).CreditAsync($"test-funds:{Guid.NewGuid():N}", LedgerEntryTypes.Adjustment, amount, "test funds"), Ct)).Succeeded);

    public static async Task<JsonElement> PostAsync(TestUser user, string path, object? body = null) =>
        await Json.ReadAsync(await user.Client.PostAsJsonAsync(path, body ?? new { }, Ct));
}
