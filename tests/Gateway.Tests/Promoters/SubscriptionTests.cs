using System.Net;
using GrainMarket.Gateway.Tests.Orders;
using GrainMarket.Gateway.Tests.Support;
using GrainMarket.Promoters;
using GrainMarket.Wallets;
using Microsoft.Extensions.DependencyInjection;
using Orleans;

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

    [Fact]
    public async Task At_the_end_of_a_paid_month_the_renewal_charges_the_next_and_a_wallet_short_of_the_price_lapses_it()
    {
        var clock = new ShiftedClock();
        await using var market = await IsolatedFactory.StartAsync(new Dictionary<string, string>(), Ct, clock: clock);
        using var promoter = await Referrals.PromoterAsync(market, funds: 12_000);
        var paidUntil = (await Json.ReadAsync(await SubscribeAsync(promoter))).GetProperty("paidUntil").GetDateTimeOffset();
        var grain = market.Services.GetRequiredService<IGrainFactory>().GetGrain<IPromoterGrain>(promoter.Id);

        // Read from the grains: a month on, the promoter's session has ended by the silo's clock.
        var wallet = market.Services.GetRequiredService<IGrainFactory>().GetGrain<IWalletGrain>(WalletKeys.ForUser(promoter.Id));

        // The renewal reminder's tick, as the reminder service delivers it: before the end of the month it changes nothing.
        await TickAsync(grain);
        Assert.Equal((paidUntil, true), await StandingAsync(grain));
        Assert.Equal(7_000, (await wallet.GetBalanceAsync()).Available);

        clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1));
        await TickAsync(grain);
        Assert.Equal((paidUntil.AddDays(30), true), await StandingAsync(grain));
        Assert.Equal(2_000, (await wallet.GetBalanceAsync()).Available);

        clock.Advance(TimeSpan.FromDays(30));
        await TickAsync(grain);
        Assert.Equal((paidUntil.AddDays(30), false), await StandingAsync(grain));
        Assert.Equal(2_000, (await wallet.GetBalanceAsync()).Available);
        Assert.False((await grain.GetAsync()).IsPaidAt(clock.GetUtcNow()));
    }

    private static Task TickAsync(IPromoterGrain grain) =>
        grain.AsReference<IRemindable>().ReceiveReminder("renew", new TickStatus(DateTime.UtcNow, TimeSpan.FromMinutes(1), DateTime.UtcNow));

    private static async Task<(DateTimeOffset?, bool)> StandingAsync(IPromoterGrain grain)
    {
        var view = await grain.GetAsync();
        return (view.PaidUntil, view.Renews);
    }

    private static Task<HttpResponseMessage> SubscribeAsync(TestUser promoter) =>
        promoter.Client.SendAsync(Shop.Post("/api/promoter/subscription", new { }, Guid.NewGuid().ToString()), Ct);
}
