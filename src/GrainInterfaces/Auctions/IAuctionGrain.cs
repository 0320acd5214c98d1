using GrainMarket.Common;
using GrainMarket.Orders;

namespace GrainMarket.Auctions;

/// <summary>
/// One auction (key: its id). It decides bids in memory, one at a time, and acknowledges a bid only once the write that
/// holds it has committed; bids that arrive during a write are written together by the next one. Money comes first:
/// before the auction considers a bid, the bidder's own wallet holds their committed amount (one hold per bidder per
/// auction, raised as their bid grows and cut to nothing when they are outbid), so an accepted bid is always backed.
/// At the end the winner's hold is cut to the winning price and becomes the order's hold; every other hold is released.
/// </summary>
[Alias("gm.auction")]
public interface IAuctionGrain : IGrainWithGuidKey
{
    /// <summary>Lists the auction as pending approval; repeating it returns the auction as it is.</summary>
    [Alias("create")]
    Task<Result<AuctionView>> CreateAsync(NewAuction listing);

    [Alias("get")]
    Task<AuctionView?> GetAsync();

    /// <summary>
    /// Pending approval → scheduled (opens at its start) or live; with a <paramref name="schedule"/>, at its new start
    /// and end (required when the auction's own end has passed while it waited).
    /// </summary>
    [Alias("approve")]
    Task<Result<AuctionView>> ApproveAsync(Actor admin, AuctionSchedule? schedule = null);

    /// <summary>Pending approval → rejected, with the reason shown to the seller.</summary>
    [Alias("reject")]
    Task<Result<AuctionView>> RejectAsync(Actor admin, string reason);

    /// <summary>
    /// Places a bid (its id makes a retry return the first outcome). Refusals: <c>auction-not-live</c>,
    /// <c>bid-too-low</c> (with <c>minNextBid</c>), <c>insufficient-funds</c>, <c>cannot-bid-own-auction</c>.
    /// </summary>
    [Alias("placeBid")]
    Task<Result<BidOutcome>> PlaceBidAsync(PlaceBid bid);

    /// <summary>Before the first bid, buys at the buy-now price and ends the auction at once for that buyer.</summary>
    [Alias("buyNow")]
    Task<Result<AuctionView>> BuyNowAsync(Guid buyerId);

    /// <summary>
    /// A pay-after-win order of this auction passed its deadline unpaid (its order grain says so, at least once): the
    /// winner's violation is recorded and the runner-up gets a second-chance offer at their highest bid.
    /// </summary>
    [Alias("paymentMissed")]
    Task PaymentMissedAsync(Guid orderId);

    /// <summary>
    /// The bidder was blocked from bidding (too many unpaid wins): under pay-after-win their maximum no longer counts,
    /// and the price and the lead are what the other bids make them. Harmless to repeat.
    /// </summary>
    [Alias("withdrawBidder")]
    Task WithdrawBidderAsync(Guid bidderId);

    /// <summary>Ends a live auction now (admins), as if its time had run out.</summary>
    [Alias("close")]
    Task<Result<AuctionView>> CloseAsync(Actor admin);
}
