using System.Net;
using GrainMarket.Gateway.Tests.Ads;
using GrainMarket.Gateway.Tests.Orders;
using GrainMarket.Gateway.Tests.Support;
using GrainMarket.Investors;
using GrainMarket.Wallets;
using Microsoft.Extensions.DependencyInjection;
using Orleans;

namespace GrainMarket.Gateway.Tests.Investors;

/// <summary>
/// Investors: admins record stakes of users holding the investor role and pay them from the platform's wallet (which an
/// ad deal's fee funds here); the investor's statement and the admins' list carry exact totals, a payout is paid once
/// per Idempotency-Key, and a payout the platform's wallet cannot cover is refused and changes nothing.
/// </summary>
public sealed class InvestorTests(AdMarket market) : IClassFixture<AdMarket>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_investors_statement_shows_their_stakes_and_payouts_with_exact_totals()
    {
        using var investor = await TestUsers.CreateAsync(market.Factory, "investor");
        using var desk = await AdDesk.OpenAsync(market, 10_000);
        await FundPlatformAsync(desk, 10_000);
        var admin = desk.Admin;

        await Json.ReadAsync(await StakeAsync(admin, investor.Id, new { amount = 100_000, sharesBps = 150, at = "2026-01-15T00:00:00Z", note = "Seed round" }));
        await Json.ReadAsync(await StakeAsync(admin, investor.Id, new { amount = 50_000, note = "Bridge" }));
        var key = Guid.NewGuid().ToString();
        await Json.ReadAsync(await PayoutAsync(admin, investor.Id, 150, key));
        var repeated = await Json.ReadAsync(await PayoutAsync(admin, investor.Id, 150, key));
        Assert.Equal(1, repeated.GetProperty("payouts").GetArrayLength());

        var refused = await Problems.AssertAsync(await PayoutAsync(admin, investor.Id, WalletKeys.MaxAmount, Guid.NewGuid().ToString()), HttpStatusCode.Conflict, "insufficient-funds", "amount");
        Assert.Equal(WalletKeys.MaxAmount, refused.GetProperty("requested").GetInt64());

        var statement = await AdDesk.GetAsync(investor, "/api/investor/statement");
        Assert.Equal((investor.Id, 150_000L, 150, 150L), (statement.GetProperty("investorId").GetGuid(), statement.GetProperty("staked").GetInt64(), statement.GetProperty("sharesBps").GetInt32(), statement.GetProperty("paidOut").GetInt64()));
        Assert.Equal(["Seed round", "Bridge"], statement.GetProperty("stakes").EnumerateArray().Select(s => s.GetProperty("note").GetString()));
        Assert.Equal(DateTimeOffset.Parse("2026-01-15T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), statement.GetProperty("stakes")[0].GetProperty("at").GetDateTimeOffset());
        Assert.Equal(150, Assert.Single(statement.GetProperty("payouts").EnumerateArray()).GetProperty("amount").GetInt64());
        Assert.Equal((150, 0), await AdDesk.WalletAsync(investor));
        var reference = InvestorIds.Reference(investor.Id);
        Assert.Equal(
            (150L, 150L, 150L),
            (await desk.LedgerSumAsync(WalletKeys.Platform, LedgerEntryTypes.Hold, reference), await desk.LedgerSumAsync(WalletKeys.Platform, LedgerEntryTypes.Capture, reference),
                await desk.LedgerSumAsync(WalletKeys.ForUser(investor.Id), LedgerEntryTypes.Payment, reference)));

        await StoredState.ConfirmedAsync(market.Database, Grains.GetGrain<IInvestorGrain>(investor.Id).GetGrainId(), "investor", Ct);
        var listed = (await AdDesk.GetAsync(admin, "/api/admin/investors?limit=100")).GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == investor.Id);
        Assert.Equal((150_000L, 150, 150L, 2, 1, investor.Email), (listed.GetProperty("staked").GetInt64(), listed.GetProperty("sharesBps").GetInt32(), listed.GetProperty("paidOut").GetInt64(), listed.GetProperty("stakes").GetInt32(), listed.GetProperty("payouts").GetInt32(), listed.GetProperty("email").GetString()));
        Assert.Equal(150_000, (await AdDesk.GetAsync(admin, $"/api/admin/investors/{investor.Id}")).GetProperty("staked").GetInt64());
        await desk.AssertAuditConsistentAsync();
    }

    [Fact]
    public async Task Only_a_user_with_the_investor_role_gets_stakes_and_payouts()
    {
        using var buyer = await TestUsers.CreateAsync(market.Factory, "buyer");
        using var admin = await TestUsers.AdminAsync(market.Factory);
        await Problems.AssertAsync(await StakeAsync(admin, buyer.Id, new { amount = 1_000 }), HttpStatusCode.NotFound, "investor-not-found");
        await Problems.AssertAsync(await PayoutAsync(admin, buyer.Id, 1, Guid.NewGuid().ToString()), HttpStatusCode.NotFound, "investor-not-found");
        await Problems.AssertAsync(await admin.Client.GetAsync(new Uri($"/api/admin/investors/{buyer.Id}", UriKind.Relative), Ct), HttpStatusCode.NotFound, "investor-not-found");
        Assert.Equal((0, 0), await AdDesk.WalletAsync(buyer));
    }

    /// <summary>An ad deal whose approval pays the platform a 2% fee on <paramref name="agreed"/>, so that a payout has money to come from.</summary>
    private static async Task FundPlatformAsync(AdDesk desk, long agreed)
    {
        using var advertiser = await desk.AdvertiserAsync();
        var id = await desk.PostedAsync(agreed);
        var engagement = await AdDesk.ApplyAsync(advertiser, id, agreed);
        await Json.ReadAsync(await desk.AcceptAsync(id, engagement, agreed));
        await Json.ReadAsync(await AdDesk.ProofAsync(advertiser, id, engagement, 1));
        await Json.ReadAsync(await AdDesk.ApproveAsync(desk.Seller, id, engagement));
    }

    private static Task<HttpResponseMessage> StakeAsync(TestUser admin, Guid investorId, object body) =>
        admin.Client.SendAsync(Shop.Post($"/api/admin/investors/{investorId}/stakes", body, Guid.NewGuid().ToString()), Ct);

    private static Task<HttpResponseMessage> PayoutAsync(TestUser admin, Guid investorId, long amount, string key) =>
        admin.Client.SendAsync(Shop.Post($"/api/admin/investors/{investorId}/payouts", new { amount, note = "Dividend" }, key), Ct);

    private IGrainFactory Grains => market.Factory.Services.GetRequiredService<IGrainFactory>();
}
