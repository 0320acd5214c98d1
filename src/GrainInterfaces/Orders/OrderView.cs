using GrainMarket.Delivery;

namespace GrainMarket.Orders;

/// <summary>
/// An order: its status is the least advanced of its sellers' steps (<see cref="Fulfilment"/>), so an order with
/// several sellers is shipped when every seller has shipped. An auction's order (<see cref="AuctionId"/>) has no
/// stock and is paid from the winner's auction hold; its address is null until the buyer gives one. <see cref="Total"/>
/// is what the buyer pays: the lines plus <see cref="ShippingCharge"/>. <see cref="Shipments"/> holds, by seller, the
/// parcels a platform carrier took (Ids 20-24 of this record are shipping's, as in the order's state).
/// </summary>
[GenerateSerializer, Alias("gm.orders.OrderView")]
public sealed record OrderView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid BuyerId,
    [property: Id(2)] string Status,
    [property: Id(3)] long Total,
    [property: Id(4)] IReadOnlyList<OrderLine> Items,
    [property: Id(5)] ShippingAddress? ShippingAddress,
    [property: Id(6)] IReadOnlyList<OrderEvent> History,
    [property: Id(7)] Guid? CourierId,
    [property: Id(8)] DateTimeOffset CreatedAt,
    [property: Id(9)] IReadOnlyDictionary<Guid, string> Fulfilment,
    [property: Id(10)] Guid? AuctionId,
    [property: Id(11)] DateTimeOffset? PaymentDueAt,
    [property: Id(12)] long ShippingCharge = 0,
    [property: Id(21)] IReadOnlyDictionary<Guid, CarrierShipment>? Shipments = null)
{
    /// <summary>Who delivered the order, when, how and where; null until delivered. (View Ids 40-49: delivery.)</summary>
    [Id(40)]
    public DeliveryRecord? Delivery { get; init; }

    /// <summary>The buyer's dispute and its resolution; null if never disputed.</summary>
    [Id(41)]
    public DisputeRecord? Dispute { get; init; }

    /// <summary>The coupon the order used and the discount it gave; null without one. (View Ids 30-34: pricing.)</summary>
    [Id(30)]
    public Promotions.OrderCoupon? Coupon { get; init; }

    /// <summary>The promoter who referred the order, through which code, and its commission; null if not referred. (View Ids 35-38: promoters.)</summary>
    [Id(35)]
    public Promoters.OrderReferral? Referral { get; init; }

    /// <summary>How the order is paid when not from the wallet (a card through a provider); null for a wallet checkout. (View Ids 31-34: payments.)</summary>
    [Id(31)]
    public OrderPayment? Payment { get; init; }

    public IEnumerable<Guid> SellerIds => Items.Select(i => i.SellerId).Distinct();

    /// <summary>Whether <paramref name="userId"/> may see the order: its buyer, one of its sellers or its courier.</summary>
    public bool IsParty(Guid userId) => userId == BuyerId || userId == CourierId || SellerIds.Contains(userId);
}
