using System.Net;
using GrainMarket.Gateway.Tests.Support;
using GrainMarket.Wallets;

namespace GrainMarket.Gateway.Tests.Ads;

/// <summary>
/// Ad deals through the gateway: the budget held in escrow, accepted engagements within it, proofs approved (the agreed
/// amount to the advertiser less the 2% fee to the platform) or rejected, and the unspent escrow back to the seller at
/// the deadline or on cancellation; every movement in the ledger under the opportunity's reference, money conserved.
/// </summary>
public sealed class AdDealTests(AdMarket market) : IClassFixture<AdMarket>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_approved_proof_pays_the_agreed_amount_from_escrow_less_the_fee_and_a_cancellation_returns_the_rest()
    {
        using var desk = await AdDesk.OpenAsync(market, 50_000);
        using var first = await desk.AdvertiserAsync();
        using var second = await desk.AdvertiserAsync();
        var id = await desk.PostedAsync(30_000);
        Assert.Equal((20_000, 30_000), await AdDesk.WalletAsync(desk.Seller));

        var firstEngagement = await AdDesk.ApplyAsync(first, id, 15_000);
        var secondEngagement = await AdDesk.ApplyAsync(second, id, 9_000);
        await Json.ReadAsync(await desk.AcceptAsync(id, firstEngagement, 12_000));
        await Json.ReadAsync(await desk.AcceptAsync(id, secondEngagement, 8_000));
        await Json.ReadAsync(await AdDesk.ProofAsync(first, id, firstEngagement, 41_000));

        // Approved twice with one key, then again with another: one payment.
        var key = Guid.NewGuid().ToString();
        await Json.ReadAsync(await AdDesk.ApproveAsync(desk.Seller, id, firstEngagement, key));
        await Json.ReadAsync(await AdDesk.ApproveAsync(desk.Seller, id, firstEngagement, key));
        var approved = await Json.ReadAsync(await AdDesk.ApproveAsync(desk.Seller, id, firstEngagement));
        var engagement = AdDesk.Engagement(approved, firstEngagement);
        Assert.Equal(("approved", 11_760L, 240L), (engagement.GetProperty("status").GetString(), engagement.GetProperty("paid").GetInt64(), engagement.GetProperty("fee").GetInt64()));
        Assert.Equal((20_000L, 12_000L, 18_000L), (approved.GetProperty("committed").GetInt64(), approved.GetProperty("spent").GetInt64(), approved.GetProperty("escrow").GetInt64()));
        Assert.Equal((20_000, 18_000), await AdDesk.WalletAsync(desk.Seller));
        Assert.Equal((11_760, 0), await AdDesk.WalletAsync(first));
        Assert.Equal(240, await desk.LedgerSumAsync(WalletKeys.Platform, LedgerEntryTypes.Fee, id));
        Assert.Equal(11_760, await desk.LedgerSumAsync(WalletKeys.ForUser(first.Id), LedgerEntryTypes.Payment, id));

        // The advertiser's proof is approved by the seller only; the advertiser's list shows what they were paid.
        var mine = await AdDesk.GetAsync(first, "/api/ads/engagements");
        var row = Assert.Single(mine.GetProperty("items").EnumerateArray());
        Assert.Equal((firstEngagement, "approved", 12_000L, 11_760L, 240L), (row.GetProperty("id").GetGuid(), row.GetProperty("status").GetString(), row.GetProperty("agreedAmount").GetInt64(), row.GetProperty("paid").GetInt64(), row.GetProperty("fee").GetInt64()));
        var seen = await AdDesk.GetAsync(first, $"/api/ads/opportunities/{id}");
        Assert.Equal(firstEngagement, Assert.Single(seen.GetProperty("engagements").EnumerateArray()).GetProperty("id").GetGuid());

        // Cancelled with 18,000 unspent: all of it back to the seller, the second engagement (accepted, no proof) lapses.
        var cancelled = await Json.ReadAsync(await desk.CancelAsync(id));
        Assert.Equal(("cancelled", 0L), (cancelled.GetProperty("status").GetString(), cancelled.GetProperty("escrow").GetInt64()));
        Assert.Equal("lapsed", AdDesk.Engagement(cancelled, secondEngagement).GetProperty("status").GetString());
        Assert.Equal((38_000, 0), await AdDesk.WalletAsync(desk.Seller));
        Assert.Equal((0, 0), await AdDesk.WalletAsync(second));
        await Problems.AssertAsync(await AdDesk.ApproveAsync(desk.Seller, id, secondEngagement), HttpStatusCode.Conflict, "invalid-ad-transition");

        // The seller's ledger under the opportunity: 30,000 held, 12,000 moved to the payment hold and captured, 18,000 released.
        var seller = WalletKeys.ForUser(desk.Seller.Id);
        Assert.Equal(
            (42_000L, 30_000L, 12_000L),
            (await desk.LedgerSumAsync(seller, LedgerEntryTypes.Hold, id), await desk.LedgerSumAsync(seller, LedgerEntryTypes.Release, id), await desk.LedgerSumAsync(seller, LedgerEntryTypes.Capture, id)));
        await desk.ConfirmedAsync(id);
        var own = await AdDesk.GetAsync(desk.Seller, "/api/seller/ad-opportunities");
        var listed = Assert.Single(own.GetProperty("items").EnumerateArray());
        Assert.Equal((id, "cancelled", 30_000L, 12_000L, 0L), (listed.GetProperty("id").GetGuid(), listed.GetProperty("status").GetString(), listed.GetProperty("budget").GetInt64(), listed.GetProperty("spent").GetInt64(), listed.GetProperty("escrow").GetInt64()));
        await desk.AssertAuditConsistentAsync();

        // Each party heard of each step once: the seller of the applications, proof and closing, the advertisers of theirs.
        string Notice(Guid subject, string step) => $"ad:{id:N}:{subject:N}:{step}";
        Assert.Equal(
            new[] { Notice(firstEngagement, "applied"), Notice(secondEngagement, "applied"), Notice(firstEngagement, "submitted-0"), Notice(id, "cancelled") }.Order(StringComparer.Ordinal),
            await AdDesk.NotificationsAsync(desk.Seller, id));
        Assert.Equal(new[] { Notice(firstEngagement, "accepted"), Notice(firstEngagement, "approved") }.Order(StringComparer.Ordinal), await AdDesk.NotificationsAsync(first, id));
        Assert.Equal(new[] { Notice(secondEngagement, "accepted"), Notice(secondEngagement, "lapsed") }.Order(StringComparer.Ordinal), await AdDesk.NotificationsAsync(second, id));
    }

    [Fact]
    public async Task At_the_deadline_the_unspent_escrow_returns_to_the_seller_and_open_engagements_lapse()
    {
        using var desk = await AdDesk.OpenAsync(market, 10_000);
        using var advertiser = await desk.AdvertiserAsync();
        var id = await desk.PostedAsync(6_000, DateTimeOffset.UtcNow.AddSeconds(3));
        var engagement = await AdDesk.ApplyAsync(advertiser, id, 5_000);
        await Json.ReadAsync(await desk.AcceptAsync(id, engagement, 5_000));
        await desk.ConfirmedAsync(id);
        var open = await AdDesk.GetAsync(advertiser, "/api/ads/opportunities?limit=100");
        Assert.Contains(open.GetProperty("items").EnumerateArray(), o => o.GetProperty("id").GetGuid() == id);
        Assert.Equal((4_000, 6_000), await AdDesk.WalletAsync(desk.Seller));

        var status = await Auctions.AuctionHouse.EventuallyAsync(async () => (await desk.OpportunityAsync(id)).GetProperty("status").GetString(), "closed");
        Assert.Equal("closed", status);
        var closed = await desk.OpportunityAsync(id);
        Assert.Equal(("lapsed", 0L), (AdDesk.Engagement(closed, engagement).GetProperty("status").GetString(), closed.GetProperty("escrow").GetInt64()));
        Assert.Equal((10_000, 0), await AdDesk.WalletAsync(desk.Seller));
        Assert.Equal(6_000, await desk.LedgerSumAsync(WalletKeys.ForUser(desk.Seller.Id), LedgerEntryTypes.Release, id));
        await Problems.AssertAsync(await AdDesk.ProofAsync(advertiser, id, engagement, 10), HttpStatusCode.Conflict, "invalid-ad-transition");
        await desk.ConfirmedAsync(id);
        open = await AdDesk.GetAsync(advertiser, "/api/ads/opportunities?limit=100");
        Assert.DoesNotContain(open.GetProperty("items").EnumerateArray(), o => o.GetProperty("id").GetGuid() == id);
        await desk.AssertAuditConsistentAsync();
    }

    [Fact]
    public async Task A_rejected_proof_may_be_submitted_once_more_and_approved_and_a_second_rejection_frees_its_amount()
    {
        using var desk = await AdDesk.OpenAsync(market, 20_000);
        using var patient = await desk.AdvertiserAsync();
        using var sloppy = await desk.AdvertiserAsync();
        var id = await desk.PostedAsync(10_000);
        var kept = await AdDesk.ApplyAsync(patient, id, 5_000);
        var ended = await AdDesk.ApplyAsync(sloppy, id, 5_000);
        await Json.ReadAsync(await desk.AcceptAsync(id, kept, 5_000));
        await Json.ReadAsync(await desk.AcceptAsync(id, ended, 5_000));

        await Json.ReadAsync(await AdDesk.ProofAsync(patient, id, kept, 100));
        var rejected = await Json.ReadAsync(await desk.RejectAsync(id, kept, "The link shows another product."));
        var engagement = AdDesk.Engagement(rejected, kept);
        Assert.Equal(("rejected", 1, "The link shows another product."), (engagement.GetProperty("status").GetString(), engagement.GetProperty("rejections").GetInt32(), engagement.GetProperty("rejectionReason").GetString()));
        await Problems.AssertAsync(await AdDesk.ApproveAsync(desk.Seller, id, kept), HttpStatusCode.Conflict, "invalid-ad-transition");
        await Json.ReadAsync(await AdDesk.ProofAsync(patient, id, kept, 2_500));
        var approved = AdDesk.Engagement(await Json.ReadAsync(await AdDesk.ApproveAsync(desk.Seller, id, kept)), kept);
        Assert.Equal(("approved", 4_900L, 100L, 2_500L), (approved.GetProperty("status").GetString(), approved.GetProperty("paid").GetInt64(), approved.GetProperty("fee").GetInt64(), approved.GetProperty("proof").GetProperty("stats").GetProperty("views").GetInt64()));
        Assert.Equal((4_900, 0), await AdDesk.WalletAsync(patient));

        // Two rejections end the other engagement: no third proof, and its 5,000 is free to agree with someone else.
        await Json.ReadAsync(await AdDesk.ProofAsync(sloppy, id, ended, 1));
        await Json.ReadAsync(await desk.RejectAsync(id, ended, "Nothing was posted."));
        await Json.ReadAsync(await AdDesk.ProofAsync(sloppy, id, ended, 2));
        var afterSecond = await Json.ReadAsync(await desk.RejectAsync(id, ended, "Still nothing."));
        Assert.Equal(("ended", 2), (AdDesk.Engagement(afterSecond, ended).GetProperty("status").GetString(), AdDesk.Engagement(afterSecond, ended).GetProperty("rejections").GetInt32()));
        Assert.Equal((5_000L, 5_000L, 5_000L), (afterSecond.GetProperty("committed").GetInt64(), afterSecond.GetProperty("spent").GetInt64(), afterSecond.GetProperty("escrow").GetInt64()));
        await Problems.AssertAsync(await AdDesk.ProofAsync(sloppy, id, ended, 3), HttpStatusCode.Conflict, "invalid-ad-transition");
        Assert.Equal((0, 0), await AdDesk.WalletAsync(sloppy));
        Assert.Equal((10_000, 5_000), await AdDesk.WalletAsync(desk.Seller));
        await desk.AssertAuditConsistentAsync();
    }

    [Fact]
    public async Task Accepting_beyond_the_budget_is_refused_and_changes_nothing()
    {
        using var desk = await AdDesk.OpenAsync(market, 10_000);
        using var first = await desk.AdvertiserAsync();
        using var second = await desk.AdvertiserAsync();
        var id = await desk.PostedAsync(10_000);
        var a = await AdDesk.ApplyAsync(first, id, 6_000);
        var b = await AdDesk.ApplyAsync(second, id, 5_000);
        await Json.ReadAsync(await desk.AcceptAsync(id, a, 6_000));

        var refused = await Problems.AssertAsync(await desk.AcceptAsync(id, b, 5_000), HttpStatusCode.Conflict, "ad-budget-exceeded", "agreedAmount");
        Assert.Equal((10_000L, 6_000L, 4_000L, 5_000L), (refused.GetProperty("budget").GetInt64(), refused.GetProperty("committed").GetInt64(), refused.GetProperty("uncommitted").GetInt64(), refused.GetProperty("requested").GetInt64()));
        var unchanged = await desk.OpportunityAsync(id);
        Assert.Equal((6_000L, "applied"), (unchanged.GetProperty("committed").GetInt64(), AdDesk.Engagement(unchanged, b).GetProperty("status").GetString()));

        var accepted = await Json.ReadAsync(await desk.AcceptAsync(id, b, 4_000));
        Assert.Equal((10_000L, 4_000L), (accepted.GetProperty("committed").GetInt64(), AdDesk.Engagement(accepted, b).GetProperty("agreedAmount").GetInt64()));
        Assert.Equal((0, 10_000), await AdDesk.WalletAsync(desk.Seller));
    }

    [Fact]
    public async Task An_advertiser_cannot_approve_their_own_proof_nor_can_another_seller()
    {
        using var desk = await AdDesk.OpenAsync(market, 5_000);
        using var advertiser = await desk.AdvertiserAsync();
        using var stranger = await TestUsers.CreateAsync(market.Factory, "seller");
        var id = await desk.PostedAsync(5_000);
        var engagement = await AdDesk.ApplyAsync(advertiser, id, 3_000);
        await Json.ReadAsync(await desk.AcceptAsync(id, engagement, 3_000));
        await Json.ReadAsync(await AdDesk.ProofAsync(advertiser, id, engagement, 500));

        await Problems.AssertAsync(await AdDesk.ApproveAsync(advertiser, id, engagement), HttpStatusCode.Forbidden, "forbidden");
        await Problems.AssertAsync(await AdDesk.ApproveAsync(stranger, id, engagement), HttpStatusCode.NotFound, "ad-opportunity-not-found");
        var still = await desk.OpportunityAsync(id);
        Assert.Equal(("submitted", 0L, 5_000L), (AdDesk.Engagement(still, engagement).GetProperty("status").GetString(), still.GetProperty("spent").GetInt64(), still.GetProperty("escrow").GetInt64()));
        Assert.Equal((0, 0), await AdDesk.WalletAsync(advertiser));
        Assert.Equal((0, 5_000), await AdDesk.WalletAsync(desk.Seller));
    }

    [Fact]
    public async Task A_budget_beyond_the_sellers_available_money_is_refused_and_nothing_is_written()
    {
        using var desk = await AdDesk.OpenAsync(market, 1_000);
        var key = Guid.NewGuid().ToString();
        var refused = await Problems.AssertAsync(await desk.PostAsync(1_001, DateTimeOffset.UtcNow.AddDays(1), key), HttpStatusCode.Conflict, "insufficient-funds", "amount");
        Assert.Equal(1, refused.GetProperty("missing").GetInt64());
        Assert.Equal((1_000, 0), await AdDesk.WalletAsync(desk.Seller));
        Assert.Empty((await AdDesk.GetAsync(desk.Seller, "/api/seller/ad-opportunities")).GetProperty("items").EnumerateArray());
        await Problems.AssertAsync(await desk.Seller.Client.GetAsync(new Uri($"/api/ads/opportunities/{GrainMarket.Ads.AdIds.Opportunity(desk.Seller.Id, key)}", UriKind.Relative), Ct), HttpStatusCode.NotFound, "ad-opportunity-not-found");
    }

    [Fact]
    public async Task Either_party_of_an_engagement_may_complain_about_the_other_and_nobody_else()
    {
        using var desk = await AdDesk.OpenAsync(market, 2_000);
        using var advertiser = await desk.AdvertiserAsync();
        using var stranger = await desk.AdvertiserAsync();
        var id = await desk.PostedAsync(2_000);
        var engagement = await AdDesk.ApplyAsync(advertiser, id, 2_000);
        await desk.ConfirmedAsync(id);

        var byAdvertiser = await Json.ReadAsync(await Complaints.ComplaintDesk.ComplainAsync(advertiser, "ad-engagement", engagement), HttpStatusCode.Created);
        Assert.Equal((desk.Seller.Id, true), (byAdvertiser.GetProperty("otherPartyId").GetGuid(), byAdvertiser.GetProperty("againstSeller").GetBoolean()));
        var bySeller = await Json.ReadAsync(await Complaints.ComplaintDesk.ComplainAsync(desk.Seller, "ad-engagement", engagement), HttpStatusCode.Created);
        Assert.Equal((advertiser.Id, false), (bySeller.GetProperty("otherPartyId").GetGuid(), bySeller.GetProperty("againstSeller").GetBoolean()));
        await Problems.AssertAsync(await Complaints.ComplaintDesk.ComplainAsync(stranger, "ad-engagement", engagement), HttpStatusCode.NotFound, "ad-engagement-not-found", "subjectId");
    }
}
