using GrainMarket.Common;

namespace GrainMarket.Auctions;

/// <summary>
/// An auction's state. Its methods are the bidding rules (eBay's proxy bidding, soft close): deterministic and free of
/// I/O, so the grain decides a bid in one synchronous step. <see cref="NewBids"/> and <see cref="NewEvents"/> are what
/// the next write appends to the read models; the grain drops them once written. Only the members with an <c>[Id]</c>
/// are stored.
/// </summary>
[GenerateSerializer, Alias("gm.auctions.AuctionState")]
public sealed class AuctionState
{
    [Id(0)]
    public string? Status { get; set; }

    [Id(1)]
    public Guid SellerId { get; set; }

    [Id(2)]
    public string Title { get; set; } = "";

    [Id(3)]
    public string Description { get; set; } = "";

    [Id(4)]
    public Guid CategoryId { get; set; }

    [Id(5)]
    public List<string> Images { get; set; } = [];

    [Id(6)]
    public long StartingPrice { get; set; }

    [Id(7)]
    public long? ReservePrice { get; set; }

    [Id(8)]
    public long? BuyNowPrice { get; set; }

    [Id(9)]
    public List<IncrementBand> Increments { get; set; } = [];

    [Id(10)]
    public DateTimeOffset StartsAt { get; set; }

    [Id(11)]
    public DateTimeOffset EndsAt { get; set; }

    [Id(12)]
    public int SoftCloseSeconds { get; set; }

    [Id(13)]
    public int? MaxExtensions { get; set; }

    [Id(14)]
    public int Extensions { get; set; }

    [Id(15)]
    public DateTimeOffset CreatedAt { get; set; }

    [Id(16)]
    public string? RejectionReason { get; set; }

    [Id(17)]
    public long CurrentPrice { get; set; }

    [Id(18)]
    public Guid? LeaderId { get; set; }

    /// <summary>The leader's maximum: what their hold covers, and the ceiling of the proxy bids made for them.</summary>
    [Id(19)]
    public long LeaderMax { get; set; }

    [Id(20)]
    public int BidCount { get; set; }

    /// <summary>The number of the last event of the live stream.</summary>
    [Id(21)]
    public long Sequence { get; set; }

    /// <summary>The number of the last row of the bid history.</summary>
    [Id(22)]
    public long BidSequence { get; set; }

    [Id(23)]
    public Dictionary<Guid, BidderRecord> Bidders { get; set; } = [];

    /// <summary>Bidders whose hold must still be brought to what they are owed (released when outbid); recorded with the decision, carried out after it commits.</summary>
    [Id(24)]
    public HashSet<Guid> HoldsToSync { get; set; } = [];

    [Id(25)]
    public string SettlementMode { get; set; } = AuctionSettlementModes.Hold;

    [Id(26)]
    public double PaymentDeadlineHours { get; set; }

    /// <summary>The runner-up offered the item when a pay-after-win winner did not pay, and the offer's order.</summary>
    [Id(27)]
    public Guid? SecondChanceBidderId { get; set; }

    [Id(28)]
    public Guid? SecondChanceOrderId { get; set; }

    public bool PayAfterWin => SettlementMode == AuctionSettlementModes.PayAfterWin;

    [Id(29)]
    public Guid? WinnerId { get; set; }

    [Id(30)]
    public Guid? OrderId { get; set; }

    /// <summary>Whether the end's effects (the winner's order, every other hold released, notifications) are done.</summary>
    [Id(31)]
    public bool Settled { get; set; }

    /// <summary>
    /// Not stored (no <c>[Id]</c>; <c>NonSerialized</c> tells the analyzer so on purpose), but seen by
    /// <see cref="AuctionProjection"/>, which gets this live object: the write that carries them appends them to the
    /// read models in the same database transaction, so once it committed the read models have them (and a new
    /// activation starts without), and a state whose bids were written with it stays small (a bidding war writes 20–30
    /// bids at a time).
    /// </summary>
    [field: NonSerialized]
    public List<BidEntry> NewBids { get; set; } = [];

    /// <summary>Not stored, as <see cref="NewBids"/>.</summary>
    [field: NonSerialized]
    public List<AuctionEvent> NewEvents { get; set; } = [];

    /// <summary>
    /// Not stored, as <see cref="NewBids"/>: the bidders whose maximum rose since the last write. A leader who raises
    /// their maximum adds no row to the bid history (the price stays), so their new maximum reaches the read model
    /// (<c>auction_bidders</c>) through this.
    /// </summary>
    [field: NonSerialized]
    public HashSet<Guid> RaisedMaxima { get; set; } = [];

    public long MinNextBid => LeaderId is null ? StartingPrice : CurrentPrice + BidIncrements.Step(CurrentPrice, Increments);

    public bool ReserveMet => LeaderId is not null && (ReservePrice is not { } reserve || CurrentPrice >= reserve);

    public AuctionSnapshot Snapshot =>
        new(Status!, CurrentPrice, MinNextBid, LeaderId is { } leader ? Bidders[leader].Pseudonym : null, BidCount, ReserveMet, EndsAt, Extensions);

    /// <summary>What the bidder's hold must cover: the leader's maximum; nothing for anyone else (nor for anyone under pay-after-win).</summary>
    public long Owed(Guid bidderId) => bidderId == LeaderId && !PayAfterWin ? LeaderMax : 0;

    /// <summary>The bidder with the highest maximum after the winner (the earlier on a tie), for a second-chance offer.</summary>
    public Guid? RunnerUp() => RivalOf(WinnerId);

    /// <summary>
    /// Why <paramref name="bid"/> cannot be accepted now (null if it can): the auction is not live, or the bid is below
    /// the next minimum (for the leader, a maximum no higher than theirs).
    /// </summary>
    public DomainError? Refusal(PlaceBid bid, DateTimeOffset now)
    {
        if (Unseen() is { } unseen)
        {
            return unseen;
        }

        if (Status != AuctionStatuses.Live || now >= EndsAt)
        {
            return new DomainError(ErrorCodes.AuctionNotLive, $"The auction is {(Status == AuctionStatuses.Live ? "ending" : Status)}: it takes no bids.");
        }

        var max = bid.MaxAmount ?? bid.Amount;
        if (bid.BidderId == LeaderId)
        {
            return max > LeaderMax ? null : new DomainError(ErrorCodes.BidTooLow, $"You lead with a maximum of {LeaderMax}; a new maximum must be higher.", "maxAmount", new Dictionary<string, long> { ["maxAmount"] = LeaderMax, ["minNextBid"] = MinNextBid });
        }

        var minimum = MinNextBid;
        return bid.Amount >= minimum ? null : new DomainError(ErrorCodes.BidTooLow, $"The next bid must be at least {minimum}.", "amount", new Dictionary<string, long> { ["minNextBid"] = minimum });
    }

    /// <summary>
    /// Decides a bid, whose bidder's hold already covers its maximum: the proxy bidding, the history rows, the soft close
    /// and the stream's events. Returns the outcome, or the refusal if the auction changed since the bid was checked.
    /// Every bidder who is no longer owed their hold is put in <see cref="HoldsToSync"/>.
    /// </summary>
    public Result<BidOutcome> Decide(PlaceBid bid, DateTimeOffset now)
    {
        if (Refusal(bid, now) is { } refusal)
        {
            return refusal;
        }

        var bidder = Bidder(bid.BidderId);
        bidder.Amount = Math.Max(bidder.Amount, bid.Amount);
        var max = bid.MaxAmount ?? bid.Amount;
        if (max > bidder.Max)
        {
            bidder.Max = max;
            RaisedMaxima.Add(bid.BidderId);
        }

        var previousLeader = LeaderId;
        var priceBefore = CurrentPrice;
        if (LeaderId is null)
        {
            Lead(bid.BidderId, max, bid.Amount, now, "bid");
        }
        else if (bid.BidderId == LeaderId)
        {
            LeaderMax = max;
        }
        else if (max > LeaderMax)
        {
            // The leader's proxy defends up to their maximum; the newcomer takes the lead one step above it (capped at
            // their own maximum, and never below what they bid).
            if (LeaderMax > CurrentPrice)
            {
                Record(LeaderId.Value, LeaderMax, "proxy", now);
            }

            var price = Math.Max(bid.Amount, Math.Min(max, LeaderMax + BidIncrements.Step(LeaderMax, Increments)));
            Lead(bid.BidderId, max, price, now, price == bid.Amount ? "bid" : "proxy");
        }
        else
        {
            // The leader's maximum is at least as high (equal: the earlier bid wins): the bid raises the price, and the
            // leader's proxy answers one step above it, up to the leader's maximum.
            Record(bid.BidderId, max, max == bid.Amount ? "bid" : "proxy", now);
            CurrentPrice = Math.Min(LeaderMax, max + BidIncrements.Step(max, Increments));
            Record(LeaderId.Value, CurrentPrice, "proxy", now);
            HoldsToSync.Add(bid.BidderId);
        }

        if (ReservePrice is { } reserve && CurrentPrice < reserve && LeaderMax >= reserve)
        {
            // A maximum that meets the reserve lifts the price to it at once.
            CurrentPrice = reserve;
            Record(LeaderId!.Value, reserve, "proxy", now);
        }

        if (previousLeader is { } outbid && outbid != LeaderId)
        {
            HoldsToSync.Add(outbid);
        }

        if (CurrentPrice != priceBefore || LeaderId != previousLeader)
        {
            BidCount++;
            Emit("bid", now);
        }

        if (EndsAt - now < TimeSpan.FromSeconds(SoftCloseSeconds) && (MaxExtensions is not { } limit || Extensions < limit))
        {
            EndsAt = now + TimeSpan.FromSeconds(SoftCloseSeconds);
            Extensions++;
            Emit("extended", now);
        }

        var outcome = new BidOutcome(bid.BidId, Accepted: true, Leading: LeaderId == bid.BidderId, CurrentPrice, MinNextBid, EndsAt, Sequence);
        bidder.Recent.Add(outcome);
        if (bidder.Recent.Count > BidderRecord.RecentBidCount)
        {
            bidder.Recent.RemoveAt(0);
        }

        return outcome;
    }

    /// <summary>
    /// An auction pending approval or rejected exists only for its seller and admins, who never bid or buy on it: to a
    /// bidder it is not found, as GET answers them, so a refusal cannot tell that it exists.
    /// </summary>
    private DomainError? Unseen() =>
        Status is AuctionStatuses.PendingApproval or AuctionStatuses.Rejected ? new DomainError(ErrorCodes.AuctionNotFound, "The auction was not found.") : null;

    /// <summary>Why a buy-now cannot happen now (null if it can): the auction is not live, has no buy-now price, or has had a bid.</summary>
    public DomainError? BuyNowRefusal(DateTimeOffset now) =>
        Unseen() is { } unseen ? unseen
        : Status != AuctionStatuses.Live || now >= EndsAt ? new DomainError(ErrorCodes.AuctionNotLive, $"The auction is {Status}: it cannot be bought now.")
        : BuyNowPrice is null ? new DomainError(ErrorCodes.BuyNowUnavailable, "This auction has no buy-now price.")
        : LeaderId is not null ? new DomainError(ErrorCodes.BuyNowUnavailable, "Buy-now ends with the first bid.")
        : null;

    /// <summary>A buy-now (the buyer's hold already covers it): the buyer wins at the buy-now price and the auction ends.</summary>
    public DomainError? BuyNow(Guid buyerId, DateTimeOffset now)
    {
        if (BuyNowRefusal(now) is { } refusal)
        {
            return refusal;
        }

        var price = BuyNowPrice!.Value;
        Bidder(buyerId).Max = price;
        LeaderId = buyerId;
        LeaderMax = price;
        CurrentPrice = price;
        Record(buyerId, price, "buy-now", now);
        BidCount++;
        Emit("bid", now);
        End(now);
        return null;
    }

    /// <summary>
    /// Takes a bidder of a live pay-after-win auction out of the running (they were blocked from bidding for unpaid wins):
    /// their maximum no longer counts. The price is then what the bids left would have made it: the highest remaining
    /// maximum leads (the earlier on a tie) one step above the next one, capped at its maximum and never below what its
    /// bidder bid outright (the starting price with nobody to beat; the reserve if its maximum meets it). Only a leader
    /// or a runner-up taken out moves the price, and only down. False when they had nothing in the running.
    /// </summary>
    public bool Withdraw(Guid bidderId, DateTimeOffset now)
    {
        if (!PayAfterWin || Status != AuctionStatuses.Live || !Bidders.TryGetValue(bidderId, out var withdrawn) || withdrawn.Max == 0)
        {
            return false;
        }

        var wasRunnerUp = bidderId != LeaderId && RivalOf(LeaderId) == bidderId;
        withdrawn.Max = 0;
        var previousLeader = LeaderId;
        var price = CurrentPrice;
        if (bidderId == LeaderId)
        {
            LeaderId = RivalOf(null);
            LeaderMax = LeaderId is { } leader ? Bidders[leader].Max : 0;
            price = LeaderId is null ? StartingPrice : PriceToBeat(RivalOf(LeaderId));
        }
        else if (wasRunnerUp)
        {
            price = Math.Min(CurrentPrice, PriceToBeat(RivalOf(LeaderId)));
        }

        if (price == CurrentPrice && LeaderId == previousLeader)
        {
            return true;
        }

        CurrentPrice = price;
        if (LeaderId is { } newLeader)
        {
            Record(newLeader, price, "proxy", now);
        }

        Emit("bidder-withdrawn", now);
        return true;
    }

    /// <summary>The bidder with the highest maximum other than <paramref name="leaderId"/> (the earlier on a tie; with null, of all), if any.</summary>
    private Guid? RivalOf(Guid? leaderId) =>
        Bidders.Where(b => b.Key != leaderId && b.Value.Max > 0)
            .OrderByDescending(b => b.Value.Max).ThenBy(b => b.Value.Number)
            .Select(b => (Guid?)b.Key).FirstOrDefault();

    /// <summary>
    /// What the leader pays against <paramref name="rival"/>: one step above the rival's maximum, capped at the leader's
    /// (the starting price with no rival), never below what the leader bid outright, and the reserve when their maximum meets it.
    /// </summary>
    private long PriceToBeat(Guid? rival)
    {
        var leader = Bidders[LeaderId!.Value];
        var price = rival is { } r && Bidders[r].Max is var max ? Math.Min(LeaderMax, max + BidIncrements.Step(max, Increments)) : StartingPrice;
        price = Math.Max(price, leader.Amount);
        return ReservePrice is { } reserve && price < reserve && LeaderMax >= reserve ? reserve : price;
    }

    /// <summary>Ends a live auction: sold to the leader if the reserve is met, otherwise unsold.</summary>
    public void End(DateTimeOffset now)
    {
        if (ReserveMet)
        {
            Status = AuctionStatuses.Closed;
            WinnerId = LeaderId;
        }
        else
        {
            Status = AuctionStatuses.EndedUnsold;
        }

        EndsAt = now < EndsAt ? now : EndsAt;
        HoldsToSync.UnionWith(Bidders.Keys);
        Emit("closed", now);
    }

    public void Emit(string type, DateTimeOffset now) => NewEvents.Add(new AuctionEvent(++Sequence, type, Snapshot, now));

    private void Lead(Guid bidderId, long max, long price, DateTimeOffset now, string kind)
    {
        LeaderId = bidderId;
        LeaderMax = max;
        CurrentPrice = price;
        Record(bidderId, price, kind, now);
    }

    private void Record(Guid bidderId, long amount, string kind, DateTimeOffset now) =>
        NewBids.Add(new BidEntry(++BidSequence, bidderId, Bidder(bidderId).Pseudonym, amount, kind, now));

    /// <summary>The bidder's record, created (with the next number) on their first bid.</summary>
    public BidderRecord Bidder(Guid bidderId)
    {
        if (!Bidders.TryGetValue(bidderId, out var bidder))
        {
            bidder = new BidderRecord { Number = Bidders.Count + 1 };
            Bidders[bidderId] = bidder;
        }

        return bidder;
    }
}
