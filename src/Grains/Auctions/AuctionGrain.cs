using GrainMarket.Common;
using GrainMarket.Diagnostics;
using GrainMarket.Notifications;
using GrainMarket.Orders;
using GrainMarket.Wallets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Storage;

namespace GrainMarket.Auctions;

/// <summary>
/// An auction. Bids are decided in memory, one synchronous step each, and acknowledged when the write holding them has
/// committed; bids decided while a write is in flight go out together in the next one (group commit), so the auction
/// writes at most once per database round trip however many bidders race. It holds no lock across other grains: the
/// bidder's own wallet holds exactly their maximum first (different bidders' wallets work in parallel), and the only thing
/// serialised per bidder is the pair "set their hold, decide their bid"; a bid that another bidder's bid, as high or
/// higher and having its hold raised, would make too low waits for that one's decision instead of raising a hold of its
/// own. Holds owed back (an outbid bidder's) are recorded with the decision and cut after it commits; a silo that dies
/// in between leaves them recorded, and a hold raised for a bid that was never decided is found again in the ledger by
/// the auction's reference.
/// </summary>
/// <remarks>
/// Reentrant, so that bids interleave while wallets and writes are awaited. What holds across every await: each
/// decision is one synchronous step on the state; a bidder's hold and their decision are serialised by the bidder's
/// gate; and only <see cref="WriteAllAsync"/> writes the state, one write at a time (Orleans' persistent state must
/// never have two writes in flight).
/// </remarks>
[Reentrant]
[GrainType("auction")]
public sealed class AuctionGrain(
    [PersistentState("auction", PostgresGrainStorage.ProviderName)] IPersistentState<AuctionState> auction,
    TimeProvider timeProvider,
    ILogger<AuctionGrain> logger) : Grain, IAuctionGrain, IRemindable
{
    private const string LifecycleReminder = "lifecycle";

    /// <summary>
    /// How long an outbid bidder keeps their hold before it is cut: a bidder in a bidding war who re-bids within it raises
    /// the hold by the difference, one wallet write instead of a release and a new hold. Holds are released within this
    /// of being owed nothing, and at the end in any case.
    /// </summary>
    private static readonly TimeSpan ReleaseDelay = TimeSpan.FromSeconds(2);

    private readonly Dictionary<Guid, SemaphoreSlim> bidderGates = [];
    private readonly HashSet<Guid> syncsScheduled = [];
    private readonly List<CoveringBid> coveringBids = [];
    private TaskCompletionSource? nextWrite;
    private Task writer = Task.CompletedTask;
    private Exception? writeFailure;
    private AuctionView? committedView;
    private IGrainTimer? endTimer;
    private Task settling = Task.CompletedTask;

    private AuctionState State => auction.State;

    private Guid AuctionId => this.GetPrimaryKey();

    private string Reference => AuctionIds.Reference(AuctionId);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (State.Status is null)
        {
            return Task.CompletedTask;
        }

        // What the last write appended is in the read models already (it committed with them).
        State.NewBids.Clear();
        State.NewEvents.Clear();
        committedView = View();

        ArmEndTimer();
        if (State.Status == AuctionStatuses.Live || State.HoldsToSync.Count > 0 || (IsEnded && !State.Settled))
        {
            // A previous activation may have died between a decision and its effects: bring every hold the auction
            // ever caused to what is owed now, and finish the end's settlement.
            Background(RecoverAsync(), "recover");
        }

        return Task.CompletedTask;
    }

    async Task<Result<AuctionView>> IAuctionGrain.CreateAsync(NewAuction listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        if (State.Status is not null)
        {
            return committedView!;
        }

        var now = timeProvider.GetUtcNow();
        State.Status = AuctionStatuses.PendingApproval;
        State.SellerId = listing.SellerId;
        State.Title = listing.Title;
        State.Description = listing.Description;
        State.CategoryId = listing.CategoryId;
        State.Images = [.. listing.Images];
        State.StartingPrice = listing.StartingPrice;
        State.ReservePrice = listing.ReservePrice;
        State.BuyNowPrice = listing.BuyNowPrice;
        State.Increments = [.. listing.Increments ?? BidIncrements.Default];
        State.StartsAt = listing.StartsAt ?? now;
        State.EndsAt = listing.EndsAt;
        State.SoftCloseSeconds = listing.SoftCloseSeconds;
        State.MaxExtensions = listing.MaxExtensions;
        State.CreatedAt = now;
        State.CurrentPrice = listing.StartingPrice;
        State.SettlementMode = listing.SettlementMode;
        State.PaymentDeadlineHours = listing.PaymentDeadlineHours;
        await CommitAsync();
        logger.LogInformation("Auction {AuctionId} listed by seller {SellerId}, ending {EndsAt}", AuctionId, listing.SellerId, listing.EndsAt);
        return committedView!;
    }

    /// <summary>
    /// The auction as last committed: decisions still in their write are not shown (a read never sees a bid that a
    /// lost write would undo, and the live stream's state message never runs ahead of its events).
    /// </summary>
    Task<AuctionView?> IAuctionGrain.GetAsync()
    {
        ThrowIfBroken();
        return Task.FromResult(committedView);
    }

    async Task<Result<AuctionView>> IAuctionGrain.ApproveAsync(Actor admin, AuctionSchedule? schedule)
    {
        if (PendingCheck() is { } refused)
        {
            return refused;
        }

        var now = timeProvider.GetUtcNow();
        var (startsAt, endsAt) = schedule is null ? (State.StartsAt, State.EndsAt) : (schedule.StartsAt ?? now, schedule.EndsAt);
        if (endsAt <= now || endsAt <= startsAt)
        {
            return schedule is null
                ? DomainError.Invalid("endsAt", "is required: the auction's end passed while it waited for approval; approve it with a new endsAt (and startsAt), or reject it")
                : DomainError.Invalid("endsAt", "must be in the future and after the start");
        }

        State.StartsAt = startsAt;
        State.EndsAt = endsAt;

        // The reminder first: an approved auction always has its backstop, and one that finds nothing due re-arms itself.
        // Its period is when a failed tick (a settlement step that failed) comes again.
        await this.RegisterOrUpdateReminder(LifecycleReminder, Until(State.StartsAt > now ? State.StartsAt : State.EndsAt, now), OneShotReminder.RetryPeriod);
        if (State.StartsAt > now)
        {
            State.Status = AuctionStatuses.Scheduled;
        }
        else
        {
            State.Status = AuctionStatuses.Live;
            State.Emit("opened", now);
        }

        await CommitAsync();
        ArmEndTimer();
        logger.LogInformation("Auction {AuctionId} approved by {AdminId}: {AuctionStatus}", AuctionId, admin.UserId, State.Status);
        await NotifyAsync(State.SellerId, NotificationTypes.AuctionApproved, $"auction-approved:{AuctionId:N}", "Your auction was approved", $"\"{State.Title}\" opens at {State.StartsAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC.");
        return committedView!;
    }

    async Task<Result<AuctionView>> IAuctionGrain.RejectAsync(Actor admin, string reason)
    {
        if (PendingCheck() is { } refused)
        {
            return refused;
        }

        State.Status = AuctionStatuses.Rejected;
        State.RejectionReason = reason;
        State.Settled = true;
        await CommitAsync();
        logger.LogInformation("Auction {AuctionId} rejected by {AdminId}", AuctionId, admin.UserId);
        await NotifyAsync(State.SellerId, NotificationTypes.AuctionRejected, $"auction-rejected:{AuctionId:N}", "Your auction was rejected", $"\"{State.Title}\": {reason}");
        return committedView!;
    }

    async Task<Result<BidOutcome>> IAuctionGrain.PlaceBidAsync(PlaceBid bid)
    {
        ArgumentNullException.ThrowIfNull(bid);
        if (BidderCheck(bid.BidderId) is { } refused)
        {
            return refused;
        }

        var now = timeProvider.GetUtcNow();
        if (await CommittedRecentAsync(bid) is { } first)
        {
            return first;
        }

        if (State.Refusal(bid, now) is { } early)
        {
            // Most racing bids lose here, before any wallet is touched.
            return early;
        }

        while (CoveringAhead(bid) is { } ahead)
        {
            // Another bidder's bid at least as high is having its hold raised: if it is accepted, this one is too low.
            // Waiting for its decision instead of raising a hold that would most likely be cut again keeps a race of
            // many bidders at the same amount to one wallet write, and the earliest bid wins it.
            await ahead;
            if (State.Refusal(bid, timeProvider.GetUtcNow()) is { } overtaken)
            {
                return overtaken;
            }
        }

        var gate = Gate(bid.BidderId);
        await gate.WaitAsync();
        try
        {
            if (await CommittedRecentAsync(bid) is { } repeated)
            {
                return repeated;
            }

            if (State.Refusal(bid, timeProvider.GetUtcNow()) is { } late)
            {
                return late;
            }

            // Money first: the bidder's hold covers their whole maximum before the auction considers the bid.
            var max = bid.MaxAmount ?? bid.Amount;
            var covering = new CoveringBid(bid.BidderId, bid.Amount);
            coveringBids.Add(covering);
            Result<BidOutcome> decided;
            DateTimeOffset endsAt;
            Guid? leader;
            try
            {
                if (await CoverAsync(bid.BidderId, max) is { } unfunded)
                {
                    return unfunded;
                }

                ThrowIfBroken();
                (endsAt, leader) = (State.EndsAt, State.LeaderId);
                decided = State.Decide(bid, timeProvider.GetUtcNow());
            }
            finally
            {
                coveringBids.Remove(covering);
                covering.Decided.TrySetResult();
            }

            if (!decided.Succeeded)
            {
                // The auction moved on while the hold was set: what is not owed goes back (after the release delay).
                State.HoldsToSync.Add(bid.BidderId);
                SyncOwedHolds();
                return decided;
            }

            await CommitAsync();
            MarketMetrics.BidsPlaced.Add(1);
            if (State.EndsAt != endsAt)
            {
                ArmEndTimer();
            }

            if (leader is { } outbid && outbid != State.LeaderId && decided.Value is { } outcome)
            {
                // One unread outbid notice per auction: in a bidding war the first one stands for the rest.
                Background(NotifyAsync(outbid, NotificationTypes.Outbid, $"outbid:{AuctionId:N}:{outcome.Sequence}", "You were outbid", $"\"{State.Title}\" was at {outcome.CurrentPrice} when someone outbid you; bid again to lead.", collapseKey: $"outbid:{AuctionId:N}"), "notify an outbid bidder");
            }
        }
        finally
        {
            gate.Release();
        }

        SyncOwedHolds();
        return Recent(bid)!;
    }

    async Task<Result<AuctionView>> IAuctionGrain.BuyNowAsync(Guid buyerId)
    {
        if (BidderCheck(buyerId) is { } refused)
        {
            return refused;
        }

        if (State.WinnerId == buyerId && State.Bidders[buyerId].Recent.Count == 0)
        {
            // A repeated buy-now: the buyer already won this way (a bid would have left a recent outcome).
            return committedView!;
        }

        if (State.BuyNowRefusal(timeProvider.GetUtcNow()) is { } early)
        {
            return early;
        }

        var gate = Gate(buyerId);
        await gate.WaitAsync();
        try
        {
            var price = State.BuyNowPrice!.Value;
            if (await CoverAsync(buyerId, price) is { } unfunded)
            {
                return unfunded;
            }

            ThrowIfBroken();
            if (State.BuyNow(buyerId, timeProvider.GetUtcNow()) is { } late)
            {
                State.HoldsToSync.Add(buyerId);
                SyncOwedHolds();
                return late;
            }

            await CommitAsync();
        }
        finally
        {
            gate.Release();
        }

        logger.LogInformation("Auction {AuctionId} bought now by {BuyerId} for {Price}", AuctionId, buyerId, State.CurrentPrice);
        await SettleNowAsync();
        return committedView!;
    }

    async Task IAuctionGrain.PaymentMissedAsync(Guid orderId)
    {
        if (orderId != State.OrderId || State.WinnerId is not { } winner)
        {
            // A second-chance offer that lapsed is not a violation: the runner-up never won.
            return;
        }

        var standing = await GrainFactory.GetGrain<IPaymentStandingGrain>(winner).RecordViolationAsync($"order:{orderId:N}");
        if (standing.BlockedFromBidding)
        {
            // Their bids elsewhere stop counting now; each auction also checks its leader when it ends.
            Background(WithdrawEverywhereAsync(winner), "withdraw a blocked bidder's bids");
        }

        if (State.SecondChanceOrderId is null && State.RunnerUp() is { } runnerUp)
        {
            State.SecondChanceBidderId = runnerUp;
            State.SecondChanceOrderId = AuctionIds.SecondChanceOrder(AuctionId);
            await CommitAsync();
        }

        if (State is { SecondChanceOrderId: { } offer, SecondChanceBidderId: { } bidder })
        {
            var price = State.Bidders[bidder].Max;
            var placed = await GrainFactory.GetGrain<IOrderGrain>(offer).PlaceFromAuctionAsync(new AuctionSale(AuctionId, bidder, State.SellerId, State.Title, price, PaymentDue()));
            if (placed.Error is { } error)
            {
                throw new InvalidOperationException($"Auction {AuctionId} could not offer a second chance to {bidder}: {error.Code} {error.Detail}");
            }

            await NotifyAsync(bidder, NotificationTypes.SecondChanceOffer, $"second-chance:{AuctionId:N}", "A second chance", $"The winner of \"{State.Title}\" did not pay: it is yours for your highest bid, {price}, if you pay by {placed.Value!.PaymentDueAt:u}.", $"/api/orders/{offer}");
            logger.LogInformation("Auction {AuctionId}: winner {WinnerId} did not pay; second chance for {BidderId} at {Price}", AuctionId, winner, bidder, price);
        }

        var next = State.SecondChanceOrderId is not null
            ? $"It was offered to the runner-up at their highest bid, {State.Bidders[State.SecondChanceBidderId!.Value].Max}."
            : "There is no runner-up: relist it if you like.";
        await NotifyAsync(State.SellerId, NotificationTypes.WinnerDefaulted, $"winner-defaulted:{AuctionId:N}", "The winner did not pay", $"The winner of \"{State.Title}\" did not pay, or cancelled the order. {next}", $"/api/auctions/{AuctionId}");
    }

    async Task IAuctionGrain.WithdrawBidderAsync(Guid bidderId)
    {
        var led = State.LeaderId == bidderId;
        if (!State.Withdraw(bidderId, timeProvider.GetUtcNow()))
        {
            return;
        }

        await CommitAsync();
        logger.LogInformation("Auction {AuctionId}: bidder {BidderId} is blocked from bidding; their bids no longer count (leader now {LeaderId} at {Price})", AuctionId, bidderId, State.LeaderId, State.CurrentPrice);
        await NotifyAsync(bidderId, NotificationTypes.BidsWithdrawn, $"bids-withdrawn:{AuctionId:N}", "Your bids no longer count", $"You left too many won auctions unpaid: your bids on \"{State.Title}\" were withdrawn.");
        if (led && State.LeaderId is { } leader)
        {
            await NotifyAsync(leader, NotificationTypes.BidsWithdrawn, $"leading-again:{AuctionId:N}:{State.Sequence}", "You lead again", $"A bidder above you was withdrawn: you lead \"{State.Title}\" at {State.CurrentPrice}.");
        }
    }

    async Task<Result<AuctionView>> IAuctionGrain.CloseAsync(Actor admin)
    {
        if (State.Status is null)
        {
            return NotFound();
        }

        if (State.Status is AuctionStatuses.Live or AuctionStatuses.Scheduled)
        {
            await EndAsync();
        }
        else if (!IsEnded)
        {
            return new DomainError(ErrorCodes.AuctionNotLive, $"An auction that is {State.Status} cannot be closed.");
        }

        await SettleNowAsync();
        return committedView!;
    }

    /// <summary>
    /// The lifecycle backstop: opens, ends and settles what is due. It ticks every <see cref="OneShotReminder.RetryPeriod"/>
    /// after its due time until the auction is settled (a tick that throws is retried so); the settlement removes it.
    /// </summary>
    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != LifecycleReminder)
        {
            return;
        }

        if (State.Status is null || State.Settled)
        {
            // Nothing left to do (settled, and the settlement's removal of this reminder did not happen; or no auction).
            await this.CompleteAsync(LifecycleReminder);
            return;
        }

        await AdvanceAndSettleAsync();
        var now = timeProvider.GetUtcNow();
        if (!State.Settled && NextDue() is { } due && due > now)
        {
            // Not due yet (a scheduled auction just opened, or a soft close moved the end): the next tick at that instant.
            await this.RegisterOrUpdateReminder(LifecycleReminder, due - now, OneShotReminder.RetryPeriod);
        }
    }

    /// <summary>Opens a scheduled auction whose start has come and ends a live one whose end has come.</summary>
    private async Task AdvanceAsync()
    {
        var now = timeProvider.GetUtcNow();
        if (State.Status == AuctionStatuses.Scheduled && now >= State.StartsAt)
        {
            State.Status = AuctionStatuses.Live;
            State.Emit("opened", now);
            await CommitAsync();
            ArmEndTimer();
        }

        if (State.Status == AuctionStatuses.Live && now >= State.EndsAt)
        {
            await EndAsync();
        }
    }

    private async Task EndAsync()
    {
        ThrowIfBroken();
        if (State.PayAfterWin)
        {
            // A leader blocked since their bid (it may have raced the block) does not win: the next one does.
            while (State.LeaderId is { } leader && (await GrainFactory.GetGrain<IPaymentStandingGrain>(leader).GetAsync()).BlockedFromBidding)
            {
                State.Withdraw(leader, timeProvider.GetUtcNow());
            }
        }

        State.End(timeProvider.GetUtcNow());
        await CommitAsync();
        endTimer?.Dispose();
        endTimer = null;
        logger.LogInformation("Auction {AuctionId} ended {AuctionStatus} at {Price} ({BidCount} bids)", AuctionId, State.Status, State.CurrentPrice, State.BidCount);
    }

    /// <summary>
    /// The end's effects, at least once and in order, each idempotent: every hold but the winner's released (the
    /// winner's then cut to the price by the order that takes it over), the order placed, and the auction marked settled.
    /// A failure leaves it unsettled for the reminder to finish.
    /// </summary>
    private Task SettleNowAsync()
    {
        if (settling.IsCompleted && !State.Settled)
        {
            settling = SettleAsync();
        }

        return settling;
    }

    private async Task SettleAsync()
    {
        foreach (var bidderId in State.PayAfterWin ? [] : await KnownBiddersAsync())
        {
            if (bidderId == State.WinnerId)
            {
                continue;
            }

            var released = await GatedAsync(bidderId, () => Wallet(bidderId).ReleaseAsync(AuctionIds.Hold(AuctionId, bidderId)));
            if (released.Error is { Code: not ErrorCodes.HoldNotFound } error)
            {
                throw new InvalidOperationException($"Auction {AuctionId} could not release the hold of {bidderId}: {error.Code} {error.Detail}");
            }

            if (State.Bidders.TryGetValue(bidderId, out var bidder))
            {
                bidder.Held = 0;
            }
        }

        if (State.WinnerId is { } winner)
        {
            State.OrderId = AuctionIds.Order(AuctionId);
            var sale = new AuctionSale(AuctionId, winner, State.SellerId, State.Title, State.CurrentPrice, PaymentDue());

            // Under the winner's gate: a raise of their hold still under way (a bid that lost the race with the end)
            // lands before the order cuts the hold to the price, not after.
            var placed = await GatedAsync(winner, () => GrainFactory.GetGrain<IOrderGrain>(State.OrderId.Value).PlaceFromAuctionAsync(sale));
            if (placed.Error is { } error)
            {
                throw new InvalidOperationException($"Auction {AuctionId} could not place the winner's order: {error.Code} {error.Detail}");
            }

            await NotifyAsync(winner, NotificationTypes.AuctionWon, $"auction-won:{AuctionId:N}", "You won an auction", $"\"{State.Title}\" is yours for {State.CurrentPrice}. Tell us where to ship it.", $"/api/orders/{State.OrderId}");
            await NotifyAsync(State.SellerId, NotificationTypes.AuctionSold, $"auction-sold:{AuctionId:N}", "Your auction sold", $"\"{State.Title}\" sold for {State.CurrentPrice}.", $"/api/orders/{State.OrderId}");
        }
        else
        {
            await NotifyAsync(State.SellerId, NotificationTypes.AuctionEndedUnsold, $"auction-ended-unsold:{AuctionId:N}", "Your auction ended unsold", State.BidCount == 0 ? $"\"{State.Title}\" had no bids." : $"\"{State.Title}\" did not reach its reserve.");
        }

        State.HoldsToSync.Clear();
        State.Settled = true;
        await CommitAsync();
        logger.LogInformation("Auction {AuctionId} settled: winner {WinnerId}, order {OrderId}", AuctionId, State.WinnerId, State.OrderId);

        // Settled is durable, so this is tidying only: a reminder left behind removes itself at its next tick.
        Background(this.CompleteAsync(LifecycleReminder), "remove its lifecycle reminder");
    }

    /// <summary>Delivers a notification to a user's inbox; its id makes a repeat (a retried settlement) harmless.</summary>
    private Task NotifyAsync(Guid userId, string type, string id, string title, string body, string? link = null, string? collapseKey = null) =>
        GrainFactory.GetGrain<INotificationInboxGrain>(userId).AddAsync(new Notification(id, type, title, body, link ?? $"/api/auctions/{AuctionId}", timeProvider.GetUtcNow()) { CollapseKey = collapseKey });

    /// <summary>
    /// Makes sure the bidder's hold covers <paramref name="amount"/>; the refusal when their wallet cannot. Under
    /// pay-after-win nothing is held, but a bidder with too many unpaid wins may not bid.
    /// </summary>
    private async Task<DomainError?> CoverAsync(Guid bidderId, long amount)
    {
        if (State.PayAfterWin)
        {
            var standing = await GrainFactory.GetGrain<IPaymentStandingGrain>(bidderId).GetAsync();
            return standing.BlockedFromBidding
                ? new DomainError(ErrorCodes.BiddingBlocked, $"You left {standing.Violations} won auctions unpaid: you may no longer bid on auctions paid after winning.")
                : null;
        }

        var bidder = State.Bidder(bidderId);
        if (bidder.Held >= amount)
        {
            return null;
        }

        // Exactly the maximum: the rest of the bidder's balance stays theirs to spend elsewhere.
        var held = await Wallet(bidderId).SetHoldAsync(AuctionIds.Hold(AuctionId, bidderId), amount, Reference);
        if (held.Error is { } error)
        {
            // Unchanged: the hold is still what it was (or the wallet said nothing about it at all).
            return error;
        }

        bidder.Held = held.Value!.Amount;
        return null;
    }

    /// <summary>
    /// Brings the bidder's hold, under their gate, to exactly what both the committed and the decided state owe them
    /// (the higher). True when that is still what they are owed afterwards (a decision made meanwhile may owe them less).
    /// </summary>
    private async Task<bool> SyncHoldAsync(Guid bidderId)
    {
        var owed = OwedNow(bidderId);
        var bidder = State.Bidder(bidderId);
        if (bidder.Held != owed)
        {
            var set = await Wallet(bidderId).SetHoldAsync(AuctionIds.Hold(AuctionId, bidderId), owed, Reference);
            if (set.Error is { } error && error.Code != ErrorCodes.HoldAlreadyResolved)
            {
                throw new InvalidOperationException($"Auction {AuctionId} could not set the hold of {bidderId} to {owed}: {error.Code} {error.Detail}");
            }

            bidder.Held = owed;
        }

        return OwedNow(bidderId) == owed;
    }

    /// <summary>What the bidder's hold must cover by the decided state or by the last committed one, whichever is more.</summary>
    private long OwedNow(Guid bidderId) =>
        Math.Max(State.Owed(bidderId), !State.PayAfterWin && committedView?.LeaderId == bidderId ? committedView.LeaderMax : 0);

    /// <summary>Cuts, in the background and after the release delay, the holds of bidders no longer owed them.</summary>
    private void SyncOwedHolds()
    {
        if (State.HoldsToSync.Count == 0 || IsEnded)
        {
            return;
        }

        foreach (var bidderId in State.HoldsToSync)
        {
            if (syncsScheduled.Add(bidderId))
            {
                Background(SyncLaterAsync(bidderId), "release an outbid hold");
            }
        }
    }

    private async Task SyncLaterAsync(Guid bidderId)
    {
        try
        {
            await Task.Delay(ReleaseDelay, timeProvider);
            await SyncGatedAsync(bidderId);
        }
        finally
        {
            // Still to do (owed something else by a decision made meanwhile, or the wallet failed): look again later.
            syncsScheduled.Remove(bidderId);
            if (State.HoldsToSync.Contains(bidderId))
            {
                SyncOwedHolds();
            }
        }
    }

    private async Task SyncGatedAsync(Guid bidderId)
    {
        // Once the auction has ended its settlement owns every hold (the winner's order cuts theirs to the price): a sync
        // scheduled before, say by a recovery that knew no hold, must not raise one again.
        if (await GatedAsync(bidderId, async () => !IsEnded && await SyncHoldAsync(bidderId)))
        {
            State.HoldsToSync.Remove(bidderId);
        }
    }

    private async Task RecoverAsync()
    {
        if (State.Status == AuctionStatuses.Live)
        {
            foreach (var bidderId in await KnownBiddersAsync())
            {
                // Unknown after a crash: a hold may have been raised for a bid that was never decided.
                State.Bidder(bidderId).Held = -1;
                State.HoldsToSync.Add(bidderId);
            }

            SyncOwedHolds();
        }
        else if (IsEnded)
        {
            await SettleNowAsync();
        }
    }

    /// <summary>Withdraws a blocked bidder from every live auction the read models show them bidding on.</summary>
    private async Task WithdrawEverywhereAsync(Guid bidderId)
    {
        if (ServiceProvider.GetService<NpgsqlDataSource>() is not { } database)
        {
            return;
        }

        var live = new List<Guid>();
        await using (var command = database.CreateCommand(
            "SELECT b.auction_id FROM auction_bidders b JOIN auctions a ON a.id = b.auction_id WHERE b.bidder_id = $1 AND b.max_amount > 0 AND a.status = $2"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = bidderId });
            command.Parameters.Add(new NpgsqlParameter { Value = AuctionStatuses.Live });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                live.Add(reader.GetGuid(0));
            }
        }

        foreach (var auctionId in live.Where(id => id != AuctionId))
        {
            await GrainFactory.GetGrain<IAuctionGrain>(auctionId).WithdrawBidderAsync(bidderId);
        }
    }

    /// <summary>Every bidder the auction may have caused a hold for: those it knows, those mid-bid, and those the ledger shows.</summary>
    private async Task<IReadOnlyCollection<Guid>> KnownBiddersAsync()
    {
        var bidders = new HashSet<Guid>(State.Bidders.Keys);
        bidders.UnionWith(bidderGates.Keys);
        if (ServiceProvider.GetService<NpgsqlDataSource>() is { } database)
        {
            await using var command = database.CreateCommand("SELECT DISTINCT wallet_id FROM ledger_entries WHERE reference = $1 AND type = 'HOLD'");
            command.Parameters.Add(new NpgsqlParameter { Value = Reference });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                if (Guid.TryParse(reader.GetString(0), out var bidderId))
                {
                    bidders.Add(bidderId);
                }
            }
        }

        return bidders;
    }

    /// <summary>
    /// Resolves when the state as it is now has been written. One write is in flight at a time; everything decided
    /// meanwhile goes out in the next. A failed write (a lost version race, or the database) breaks the activation: it
    /// refuses further work and deactivates, and the next activation reads what was committed.
    /// </summary>
    private Task CommitAsync()
    {
        ThrowIfBroken();
        nextWrite ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var committed = nextWrite.Task;
        if (writer.IsCompleted)
        {
            writer = WriteAllAsync();
        }

        return committed;
    }

    private async Task WriteAllAsync()
    {
        while (nextWrite is { } batch)
        {
            nextWrite = null;
            var bids = State.NewBids.Count;
            var events = State.NewEvents.Count;
            var raised = State.RaisedMaxima.ToDictionary(bidder => bidder, bidder => State.Bidders[bidder].Max);
            var view = View();
            try
            {
                await auction.WriteStateAsync();
            }
            catch (Exception e)
            {
                writeFailure = e;
                logger.LogWarning(e, "Auction {AuctionId} could not write its state; deactivating", AuctionId);
                batch.TrySetException(e);
                nextWrite?.TrySetException(e);
                nextWrite = null;
                DeactivateOnIdle();
                return;
            }

            // The written rows are dropped; any added during the write (if it read the state late) are appended again,
            // which the read models ignore.
            State.NewBids.RemoveRange(0, Math.Min(bids, State.NewBids.Count));
            State.NewEvents.RemoveRange(0, Math.Min(events, State.NewEvents.Count));
            foreach (var (bidder, max) in raised)
            {
                // A maximum raised again during the write may not be in it: it stays for the next one.
                if (State.Bidders[bidder].Max == max)
                {
                    State.RaisedMaxima.Remove(bidder);
                }
            }

            committedView = view;
            batch.SetResult();
        }
    }

    private void ThrowIfBroken()
    {
        if (writeFailure is not null)
        {
            throw new InconsistentStateException($"Auction {AuctionId} lost a write and is deactivating; retry.", writeFailure);
        }
    }

    private void ArmEndTimer()
    {
        endTimer?.Dispose();
        endTimer = null;
        if (NextDue() is { } at)
        {
            // The exact instant; the durable reminder is the backstop if this activation does not live to see it.
            endTimer = this.RegisterGrainTimer(_ => AdvanceAndSettleAsync(), new GrainTimerCreationOptions { DueTime = Until(at, timeProvider.GetUtcNow()), Period = Timeout.InfiniteTimeSpan, KeepAlive = true, Interleave = true });
        }
    }

    /// <summary>When the auction next changes by itself: a scheduled one opens at its start, a live one ends at its end.</summary>
    private DateTimeOffset? NextDue() => State.Status switch
    {
        AuctionStatuses.Scheduled => State.StartsAt,
        AuctionStatuses.Live => State.EndsAt,
        _ => null,
    };

    private async Task AdvanceAndSettleAsync()
    {
        await AdvanceAsync();
        if (IsEnded)
        {
            await SettleNowAsync();
        }
    }

    private void Background(Task work, string what) =>
        work.ContinueWith(
            t => logger.LogWarning(t.Exception, "Auction {AuctionId} could not {What}; it is retried later", AuctionId, what),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

    private SemaphoreSlim Gate(Guid bidderId)
    {
        if (!bidderGates.TryGetValue(bidderId, out var gate))
        {
            gate = new SemaphoreSlim(1, 1);
            bidderGates[bidderId] = gate;
        }

        return gate;
    }

    /// <summary>Runs <paramref name="work"/> under the bidder's gate: nothing else touches their hold meanwhile.</summary>
    private async Task<T> GatedAsync<T>(Guid bidderId, Func<Task<T>> work)
    {
        var gate = Gate(bidderId);
        await gate.WaitAsync();
        try
        {
            return await work();
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// A repeated bid's first outcome, answered only once the write holding it has committed: the first attempt may still
    /// be on its way to storage, or its write may have failed (then this throws, as the first attempt did, and the caller
    /// retries on the next activation, which decides the bid anew from what was committed).
    /// </summary>
    private async Task<BidOutcome?> CommittedRecentAsync(PlaceBid bid)
    {
        if (Recent(bid) is not { } outcome)
        {
            return null;
        }

        if (committedView is not { } committed || outcome.Sequence > committed.Sequence)
        {
            await CommitAsync();
        }

        return outcome;
    }

    /// <summary>
    /// The decision of another bidder's bid, at least as high as <paramref name="bid"/>, whose hold is being raised; null
    /// when there is none, or when the bid is its bidder's raise of the maximum they lead with (judged by that maximum, not
    /// its amount). An accepted bid leaves the next minimum above its amount, so the waiting bid is then too low.
    /// </summary>
    private Task? CoveringAhead(PlaceBid bid) =>
        bid.BidderId == State.LeaderId ? null
        : coveringBids.Find(c => c.BidderId != bid.BidderId && c.Amount >= bid.Amount)?.Decided.Task;

    private BidOutcome? Recent(PlaceBid bid) =>
        State.Bidders.TryGetValue(bid.BidderId, out var bidder) ? bidder.Recent.FirstOrDefault(o => o.BidId == bid.BidId) : null;

    private DomainError? BidderCheck(Guid bidderId) =>
        State.Status is null ? NotFound()
        : bidderId == State.SellerId ? new DomainError(ErrorCodes.CannotBidOwnAuction, "You cannot bid on your own auction.")
        : null;

    private DomainError? PendingCheck() =>
        State.Status is null ? NotFound()
        : State.Status != AuctionStatuses.PendingApproval ? new DomainError(ErrorCodes.AuctionNotPending, $"The auction is {State.Status}, not pending approval.")
        : null;

    private bool IsEnded => State.Status is AuctionStatuses.Closed or AuctionStatuses.EndedUnsold;

    private IWalletGrain Wallet(Guid userId) => GrainFactory.GetGrain<IWalletGrain>(WalletKeys.ForUser(userId));

    /// <summary>When a pay-after-win order must be paid (null: the auction's holds pay).</summary>
    private DateTimeOffset? PaymentDue() => State.PayAfterWin ? timeProvider.GetUtcNow().AddHours(State.PaymentDeadlineHours) : null;

    private static TimeSpan Until(DateTimeOffset at, DateTimeOffset now) => at > now ? at - now : TimeSpan.Zero;

    private static DomainError NotFound() => new(ErrorCodes.AuctionNotFound, "The auction was not found.");

    private AuctionView View() => new(
        AuctionId,
        State.SellerId,
        State.Title,
        State.Description,
        State.CategoryId,
        [.. State.Images],
        State.Status!,
        State.StartingPrice,
        State.ReservePrice,
        State.BuyNowPrice,
        State.CurrentPrice,
        State.MinNextBid,
        State.LeaderId,
        State.LeaderMax,
        State.BidCount,
        State.ReserveMet,
        State.StartsAt,
        State.EndsAt,
        State.SoftCloseSeconds,
        State.MaxExtensions,
        State.Extensions,
        [.. State.Increments],
        State.RejectionReason,
        State.WinnerId,
        State.OrderId,
        State.Sequence,
        State.CreatedAt,
        State.SettlementMode,
        State.PaymentDeadlineHours,
        State.SecondChanceOrderId,
        PseudonymOf(State.LeaderId),
        PseudonymOf(State.WinnerId));

    /// <summary>A bidder's pseudonym; a buyer who bought it now, without a bid, has none yet and is called the buyer.</summary>
    private string? PseudonymOf(Guid? userId) =>
        userId is not { } id ? null : State.Bidders.TryGetValue(id, out var bidder) ? bidder.Pseudonym : "Buyer";

    /// <summary>A bid whose bidder's hold is being raised, until it is decided (or refused for want of funds).</summary>
    private sealed record CoveringBid(Guid BidderId, long Amount)
    {
        public TaskCompletionSource Decided { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
