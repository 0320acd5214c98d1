using System.Net;
using GrainMarket.Gateway.Tests.Orders;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Promoters;

/// <summary>Paid promoters: a month charged to the wallet, extended by another, refused when the wallet is short, stopped from renewing.</summary>
public sealed class SubscriptionTests(MarketplaceFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_subscription_charges_a_month_per_payment_and_is_refused_without_changing_anything_when_the_wallet_is_short()
    {
        using var promoter = await Referrals.PromoterAsync(factory, funds: 12_000);
        var first = await Json.ReadAsync(await SubscribeAsync(promoter));
        var second = await Json.ReadAsync(await SubscribeAsync(promoter));
        var paidUntil = first.GetProperty("paidUntil").GetDateTimeOffset();
        Assert.Equal((true, true), (first.GetProperty("paid").GetBoolean(), first.GetProperty("renews").GetBoolean()));
        Assert.Equal(paidUntil.AddDays(30), second.GetProperty("paidUntil").GetDateTimeOffset());
        Assert.Equal(2_000, (await Shop.WalletAsync(promoter)).GetProperty("available").GetInt64());

        await Problems.AssertAsync(await SubscribeAsync(promoter), HttpStatusCode.Conflict, "insufficient-funds");
        Assert.Equal(2_000, (await Shop.WalletAsync(promoter)).GetProperty("available").GetInt64());

        var cancelled = await Json.ReadAsync(await promoter.Client.DeleteAsync(new Uri("/api/promoter/subscription", UriKind.Relative), Ct));
        Assert.Equal((false, true, paidUntil.AddDays(30)), (cancelled.GetProperty("renews").GetBoolean(), cancelled.GetProperty("paid").GetBoolean(), cancelled.GetProperty("paidUntil").GetDateTimeOffset()));
    }

    private static Task<HttpResponseMessage> SubscribeAsync(TestUser promoter) =>
        promoter.Client.SendAsync(Shop.Post("/api/promoter/subscription", new { }, Guid.NewGuid().ToString()), Ct);
}
