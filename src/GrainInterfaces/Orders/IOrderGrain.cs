using GrainMarket.Common;
using GrainMarket.Returns;

namespace GrainMarket.Orders;

/// <summary>
/// One order (key: the order id, derived from the buyer and the checkout's Idempotency-Key). Placing it reserves the
/// stock of every line, holds the buyer's money, empties the cart and writes the order in one transaction; cancelling
/// releases both; completing pays every seller their lines minus the platform fee and the platform its fee from the
/// hold, and sells the reserved units, again in one transaction. Each step runs once: repeating it returns the order
/// as it stands. Expected failures are <see cref="DomainError"/> values and change nothing.
/// </summary>
[Alias("gm.order")]
public interface IOrderGrain : IGrainWithGuidKey
{
    [Alias("place")]
    Task<Result<OrderView>> PlaceAsync(PlaceOrder command);

    /// <summary>
    /// Places an auction's order for its winner in one transaction: the winner's auction hold is cut to the price and
    /// becomes the order's. Repeating it returns the order as it is.
    /// </summary>
    [Alias("placeFromAuction")]
    Task<Result<OrderView>> PlaceFromAuctionAsync(AuctionSale sale);

    [Alias("get")]
    Task<OrderView?> GetAsync();

    /// <summary>Sets where to ship (the buyer, before anything shipped); an auction's order needs it before it can ship.</summary>
    [Alias("setShippingAddress")]
    Task<Result<OrderView>> SetShippingAddressAsync(Actor actor, ShippingAddress address);

    /// <summary>Placed or processing → cancelled (buyer, a seller of every line, or an admin).</summary>
    [Alias("cancel")]
    Task<Result<OrderView>> CancelAsync(Actor actor);

    /// <summary>Awaiting payment → placed (the buyer, before the deadline): holds the total in the buyer's wallet.</summary>
    [Alias("pay")]
    Task<Result<OrderView>> PayAsync(Actor actor);

    /// <summary>
    /// A provider's confirmed payment of this order, in the payment's transaction, after its money was credited to the
    /// buyer's wallet: an order awaiting payment of exactly <paramref name="payment"/>'s amount holds it and becomes
    /// placed. Any other order (cancelled at its deadline, paid otherwise, another amount) is returned as it is and the
    /// money stays in the wallet. Repeating it returns the order as it is.
    /// </summary>
    [Transaction(TransactionOption.Join)]
    [Alias("paidByProvider")]
    Task<Result<OrderView>> PaidByProviderAsync(OrderPayment payment);

    /// <summary>
    /// An admin's refund (all that is left, or part) of a placed to completed order, in one transaction: before settlement
    /// out of the order's hold (completion then settles the rest, each party's share cut in proportion); after it, taken
    /// back from the sellers, the courier and the platform in proportion to what settlement paid them
    /// (<c>seller-funds-insufficient</c> when one of them lacks it). It is credited to the buyer as REFUND; for a card-paid
    /// order it then leaves the platform (WITHDRAWAL) for the gateway to pay back through the provider. More than is left:
    /// <c>refund-exceeds-paid</c>. Repeating a refund id returns its first result.
    /// </summary>
    [Alias("refund")]
    Task<Result<OrderRefundView>> RefundAsync(OrderRefund refund);

    /// <summary>Placed → processing (a seller of the order).</summary>
    [Alias("accept")]
    Task<Result<OrderView>> AcceptAsync(Actor actor);

    /// <summary>Processing → shipped (a seller of the order).</summary>
    [Alias("ship")]
    Task<Result<OrderView>> ShipAsync(Actor actor);

    /// <summary>
    /// Processing → shipped by a platform carrier (a seller for their lines, an admin for every seller that has a parcel in
    /// <paramref name="shipments"/>): records each seller's tracking number with the step, in one transaction. The
    /// shipping charge of an order every seller shipped so goes to the platform at completion.
    /// </summary>
    [Alias("shipWithCarrier")]
    Task<Result<OrderView>> ShipWithCarrierAsync(Actor actor, IReadOnlyDictionary<Guid, CarrierShipment> shipments);

    /// <summary>
    /// A platform carrier's report on a seller's parcel: out-for-delivery or delivered (which starts the completion delay).
    /// The tracking number must be the one recorded; a report already applied (its event id) changes nothing.
    /// </summary>
    [Alias("carrierReport")]
    Task<Result<OrderView>> CarrierReportAsync(CarrierReport report);

    /// <summary>Shipped or out for delivery → delivered (an admin only; couriers prove delivery, buyers confirm it); completion follows after the configured delay.</summary>
    [Alias("deliver")]
    Task<Result<OrderView>> DeliverAsync(Actor actor);

    /// <summary>Delivered → completed (the buyer, an admin, or the completion reminder): settles the money and the stock.</summary>
    [Alias("complete")]
    Task<Result<OrderView>> CompleteAsync(Actor actor);

    /// <summary>
    /// Records a return's claim on lines of this order, in the return's transaction: a delivered or completed checkout
    /// order of the buyer, delivered since the claim's cut-off, with the units not yet claimed by other returns (rejected
    /// ones freed theirs), every line one seller's. Returns the claimed lines as sold. While a claim is open the order
    /// does not complete. Claiming again with the same return id returns its lines.
    /// </summary>
    [Transaction(TransactionOption.Join)]
    [Alias("claimReturn")]
    Task<Result<IReadOnlyList<OrderLine>>> ClaimReturnAsync(ReturnClaim claim);

    /// <summary>
    /// Ends a return's open claim, in the return's transaction, and answers the terms it found: a refund before
    /// settlement lowers what completion captures by the lines' value and what it sells by their units; after
    /// settlement it lowers what the order counts as sold. Resolving it again changes nothing.
    /// </summary>
    [Transaction(TransactionOption.Join)]
    [Alias("resolveReturn")]
    Task<Result<OrderReturnTerms>> ResolveReturnAsync(ReturnResolution resolution);
}
