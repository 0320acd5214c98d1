using System.Net;
using GrainMarket.Gateway.Tests.Orders;
using GrainMarket.Gateway.Tests.Returns;
using GrainMarket.Gateway.Tests.Support;
using GrainMarket.Promoters;
using Microsoft.Extensions.DependencyInjection;
using Orleans;

namespace GrainMarket.Gateway.Tests.Promoters;

/// <summary>Which promoter an order is attributed to: the link's cookie, the code at checkout (last touch), never the buyer themself.</summary>
public sealed class AttributionTests(MarketplaceFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_link_leads_to_its_product_with_a_cookie_and_the_code_at_checkout_wins_over_the_cookie()
    {
        await using var desk = await ReturnDesk.OpenAsync(factory, price: 1_000, stock: 10, funds: 100_000);
        using var viaLink = await Referrals.PromoterAsync(factory);
        using var viaCode = await Referrals.PromoterAsync(factory);
        var linkCode = await Referrals.CodeAsync(viaLink, desk.ProductId);
        var typedCode = await Referrals.CodeAsync(viaCode);

        var (status, location, cookie) = await Referrals.FollowAsync(factory, linkCode);
        Assert.Equal((HttpStatusCode.Redirect, $"/products/{desk.ProductId}"), (status, location));
        Assert.NotNull(cookie);

        var byCookie = (await Json.ReadAsync(await Referrals.BuyNowAsync(desk.Buyer, desk.ProductId, 1, null, cookie), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var byCode = (await Json.ReadAsync(await Referrals.BuyNowAsync(desk.Buyer, desk.ProductId, 1, typedCode, cookie), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var unreferred = (await Json.ReadAsync(await Referrals.BuyNowAsync(desk.Buyer, desk.ProductId, 1, null), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        Assert.Equal((viaLink.Id, linkCode.ToUpperInvariant()), ((await Referrals.ReferralOfAsync(factory, byCookie))!.PromoterId, (await Referrals.ReferralOfAsync(factory, byCookie))!.Code));
        Assert.Equal(viaCode.Id, (await Referrals.ReferralOfAsync(factory, byCode))!.PromoterId);
        Assert.Null(await Referrals.ReferralOfAsync(factory, unreferred));

        // The newest link followed is the cookie's code; a cookie older than the window (30 days) refers nothing.
        var (_, home, newer) = await Referrals.FollowAsync(factory, typedCode);
        Assert.Equal("/", home);
        var newest = (await Json.ReadAsync(await Referrals.BuyNowAsync(desk.Buyer, desk.ProductId, 1, null, newer), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        Assert.Equal(viaCode.Id, (await Referrals.ReferralOfAsync(factory, newest))!.PromoterId);
        var stale = $"gm_ref={linkCode.ToUpperInvariant()}~{DateTimeOffset.UtcNow.AddDays(-31).ToUnixTimeSeconds()}";
        var expired = (await Json.ReadAsync(await Referrals.BuyNowAsync(desk.Buyer, desk.ProductId, 1, null, stale), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        Assert.Null(await Referrals.ReferralOfAsync(factory, expired));
    }

    [Fact]
    public async Task A_promoter_cannot_refer_themself_by_code_and_their_own_link_is_silently_not_attributed()
    {
        await using var desk = await ReturnDesk.OpenAsync(factory, price: 1_000, stock: 10, funds: 100_000);
        var code = Referrals.NewCode().ToUpperInvariant();
        Assert.True((await factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IReferralCodeGrain>(code).CreateAsync(desk.Buyer.Id, null)).Succeeded);

        var refused = await Referrals.BuyNowAsync(desk.Buyer, desk.ProductId, 1, code);
        await Problems.AssertAsync(refused, HttpStatusCode.UnprocessableEntity, "self-referral");
        Assert.Equal((100_000L, 0L), await desk.WalletAsync(desk.Buyer));

        var (_, _, cookie) = await Referrals.FollowAsync(factory, code);
        var placed = (await Json.ReadAsync(await Referrals.BuyNowAsync(desk.Buyer, desk.ProductId, 1, null, cookie), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        Assert.Null(await Referrals.ReferralOfAsync(factory, placed));
    }

    [Fact]
    public async Task A_deactivated_or_unknown_code_refuses_the_checkout_and_its_link_leads_home_without_a_cookie()
    {
        await using var desk = await ReturnDesk.OpenAsync(factory, price: 1_000, stock: 10, funds: 100_000);
        using var promoter = await Referrals.PromoterAsync(factory);
        var code = await Referrals.CodeAsync(promoter);
        await Referrals.PostAsync(promoter, $"/api/promoter/referrals/{code}/deactivate");

        await Problems.AssertAsync(await Referrals.BuyNowAsync(desk.Buyer, desk.ProductId, 1, code), HttpStatusCode.NotFound, "referral-code-not-found");
        await Problems.AssertAsync(await Referrals.BuyNowAsync(desk.Buyer, desk.ProductId, 1, Referrals.NewCode()), HttpStatusCode.NotFound, "referral-code-not-found");
        Assert.Equal((HttpStatusCode.Redirect, "/", (string?)null), await Referrals.FollowAsync(factory, code));
        Assert.Equal((100_000L, 0L), await desk.WalletAsync(desk.Buyer));
    }
}
