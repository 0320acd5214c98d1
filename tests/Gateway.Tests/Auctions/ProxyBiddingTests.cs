using GrainMarket.Auctions;

namespace GrainMarket.Gateway.Tests.Auctions;

/// <summary>The bidding rules on the auction's state alone, against worked examples in the style of eBay's help pages.</summary>
public sealed class ProxyBiddingTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static readonly Guid Alice = Guid.NewGuid();
    private static readonly Guid Bob = Guid.NewGuid();
    private static readonly Guid Carol = Guid.NewGuid();

    private static AuctionState Live(long starting = 1_00, long? reserve = null, int softClose = 0, int? maxExtensions = null) => new()
    {
        Status = AuctionStatuses.Live,
        StartingPrice = starting,
        CurrentPrice = starting,
        ReservePrice = reserve,
        Increments = [.. BidIncrements.Default],
        StartsAt = Start,
        EndsAt = Start.AddHours(1),
        SoftCloseSeconds = softClose,
        MaxExtensions = maxExtensions,
    };

    private static BidOutcome Bid(AuctionState auction, Guid bidder, long amount, long? max = null, int minute = 1)
    {
        var decided = auction.Decide(new PlaceBid(Guid.NewGuid(), bidder, amount, max), Start.AddMinutes(minute));
        Assert.True(decided.Succeeded, decided.Error?.Detail);
        return decided.Value!;
    }

    [Fact]
    public void A_proxy_defends_its_leader_one_step_above_the_competition()
    {
        var auction = Live();
        Bid(auction, Alice, 1_00, max: 10_00);
        Assert.Equal(1_00, auction.CurrentPrice);

        var bob = Bid(auction, Bob, 5_00);

        Assert.False(bob.Leading);
        Assert.Equal(Alice, auction.LeaderId);
        Assert.Equal(5_50, auction.CurrentPrice); // 5.00 + the 0.50 step of the 5–25 band
        Assert.Equal(6_00, auction.MinNextBid);
        Assert.Contains(Bob, auction.HoldsToSync);
    }

    [Fact]
    public void A_higher_maximum_takes_the_lead_one_step_over_the_old_maximum()
    {
        var auction = Live();
        Bid(auction, Alice, 1_00, max: 10_00);

        var bob = Bid(auction, Bob, 6_00, max: 12_00);

        Assert.True(bob.Leading);
        Assert.Equal(10_50, auction.CurrentPrice);
        Assert.Equal(12_00, auction.LeaderMax);
        Assert.Contains(Alice, auction.HoldsToSync);
        Assert.Equal(0, auction.Owed(Alice));
        Assert.Equal(12_00, auction.Owed(Bob));
    }

    [Fact]
    public void The_winner_pays_at_most_their_own_maximum()
    {
        var auction = Live();
        Bid(auction, Alice, 1_00, max: 10_00);

        Bid(auction, Bob, 6_00, max: 10_20);

        Assert.Equal(Bob, auction.LeaderId);
        Assert.Equal(10_20, auction.CurrentPrice); // one step over 10.00 would be 10.50: capped at Bob's maximum
    }

    [Fact]
    public void Equal_maximums_go_to_the_earlier_bid()
    {
        var auction = Live();
        Bid(auction, Alice, 1_00, max: 20_00);

        var bob = Bid(auction, Bob, 20_00);

        Assert.False(bob.Leading);
        Assert.Equal(Alice, auction.LeaderId);
        Assert.Equal(20_00, auction.CurrentPrice);
    }

    [Fact]
    public void A_bid_below_the_next_minimum_is_refused_with_it()
    {
        var auction = Live();
        Bid(auction, Alice, 3_00);

        var refused = auction.Decide(new PlaceBid(Guid.NewGuid(), Bob, 3_20, null), Start.AddMinutes(2));

        Assert.Equal("bid-too-low", refused.Error!.Code);
        Assert.Equal(3_25, refused.Error.Figures!["minNextBid"]);
        Assert.Equal(Alice, auction.LeaderId);
        Assert.Empty(auction.HoldsToSync);
    }

    [Fact]
    public void The_leader_may_only_raise_their_maximum_which_does_not_move_the_price()
    {
        var auction = Live();
        Bid(auction, Alice, 2_00, max: 5_00);

        var raised = Bid(auction, Alice, 2_25, max: 9_00);

        Assert.True(raised.Leading);
        Assert.Equal(2_00, auction.CurrentPrice);
        Assert.Equal(9_00, auction.LeaderMax);
        Assert.Equal("bid-too-low", auction.Decide(new PlaceBid(Guid.NewGuid(), Alice, 2_25, 8_00), Start.AddMinutes(3)).Error!.Code);
    }

    [Fact]
    public void A_maximum_that_meets_the_reserve_lifts_the_price_to_it()
    {
        var auction = Live(reserve: 50_00);
        Bid(auction, Alice, 1_00, max: 20_00);
        Assert.False(auction.ReserveMet);

        Bid(auction, Bob, 2_00, max: 80_00);

        Assert.Equal(Bob, auction.LeaderId);
        Assert.Equal(50_00, auction.CurrentPrice);
        Assert.True(auction.ReserveMet);
    }

    [Fact]
    public void Three_bidders_leave_the_price_one_step_over_the_second_highest_maximum()
    {
        var auction = Live();
        Bid(auction, Alice, 1_00, max: 30_00);
        Bid(auction, Bob, 2_00, max: 45_00);
        Bid(auction, Carol, 40_00, max: 44_00);

        Assert.Equal(Bob, auction.LeaderId);
        Assert.Equal(45_00, auction.CurrentPrice); // Carol's 44.00 + 1.00, capped at Bob's 45.00
        Assert.Equal(0, auction.Owed(Alice));
        Assert.Equal(0, auction.Owed(Carol));
        Assert.Equal(45_00, auction.Owed(Bob));
    }

    [Fact]
    public void A_bid_in_the_last_seconds_extends_the_end_up_to_the_limit()
    {
        var auction = Live(softClose: 120, maxExtensions: 1);
        var end = auction.EndsAt;

        var first = Bid(auction, Alice, 1_00, minute: 59);

        Assert.Equal(Start.AddMinutes(61), first.EndsAt);
        Assert.Equal(1, auction.Extensions);
        Assert.Contains(auction.NewEvents, e => e.Type == "extended");

        var second = Bid(auction, Bob, 1_25, minute: 60);
        Assert.Equal(Start.AddMinutes(61), second.EndsAt); // the one extension allowed is spent
        Assert.NotEqual(end, auction.EndsAt);
    }

    [Fact]
    public void Ending_sells_to_the_leader_only_when_the_reserve_is_met()
    {
        var unsold = Live(reserve: 10_00);
        Bid(unsold, Alice, 5_00);
        unsold.End(Start.AddHours(1));
        Assert.Equal(AuctionStatuses.EndedUnsold, unsold.Status);
        Assert.Null(unsold.WinnerId);

        var sold = Live(reserve: 10_00);
        Bid(sold, Alice, 12_00);
        sold.End(Start.AddHours(1));
        Assert.Equal(AuctionStatuses.Closed, sold.Status);
        Assert.Equal(Alice, sold.WinnerId);
    }
}
