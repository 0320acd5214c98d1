using GrainMarket.Delivery;

namespace GrainMarket.Orders;

[GenerateSerializer, Alias("gm.orders.OrderState")]
public sealed class OrderState
{
    /// <summary>Null until the order is placed.</summary>
    [Id(0)]
    public string? Status { get; set; }

    [Id(1)]
    public Guid BuyerId { get; set; }

    [Id(2)]
    public List<OrderLine> Lines { get; set; } = [];

    [Id(3)]
    public ShippingAddress? ShippingAddress { get; set; }

    [Id(4)]
    public long Total { get; set; }

    [Id(5)]
    public List<OrderEvent> History { get; set; } = [];

    /// <summary>Each seller's own step (processing, shipped, delivered); a seller not listed has not accepted yet.</summary>
    [Id(6)]
    public Dictionary<Guid, string> Fulfilment { get; set; } = [];

    [Id(7)]
    public Guid? CourierId { get; set; }

    [Id(8)]
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The auction this order came from: no stock to reserve or sell, and the winner's auction hold pays.</summary>
    [Id(9)]
    public Guid? AuctionId { get; set; }

    /// <summary>For a pay-after-win auction order: when it is cancelled if still unpaid. Such an order has its own hold once paid.</summary>
    [Id(10)]
    public DateTimeOffset? PaymentDueAt { get; set; }

    // Ids 11-19: delivery (couriers, proof, disputes); 20-24: shipping and carriers; 25-29: returns.

    /// <summary>The buyer's proof of delivery, issued when the courier picks the order up; null before.</summary>
    [Id(11)]
    public DeliveryProof? Proof { get; set; }

    /// <summary>Who delivered the order, when, how and where; null until delivered.</summary>
    [Id(12)]
    public DeliveryRecord? Delivery { get; set; }

    /// <summary>The buyer's dispute and, once resolved, its outcome; null if never disputed.</summary>
    [Id(13)]
    public DisputeRecord? Dispute { get; set; }

    /// <summary>What the order charges for shipping (minor units), snapshotted from the quote at checkout; part of <see cref="Total"/>.</summary>
    [Id(20)]
    public long ShippingCharge { get; set; }

    /// <summary>The parcels a platform carrier took, by seller.</summary>
    [Id(21)]
    public Dictionary<Guid, CarrierShipment> Shipments { get; set; } = [];

    /// <summary>The carrier events already applied ("carrier:event id"), so that a repeated callback changes nothing.</summary>
    [Id(22)]
    public List<string> CarrierEvents { get; set; } = [];

    /// <summary>The returns claiming lines of this order, by return id (<see cref="OrderReturnRecord"/>).</summary>
    [Id(25)]
    public Dictionary<Guid, OrderReturnRecord> Returns { get; set; } = [];

    /// <summary>What refunds before settlement took out of the order's hold: completion captures <see cref="Total"/> less this.</summary>
    [Id(26)]
    public long RefundedFromHold { get; set; }

    /// <summary>The coupon the order used (Ids 30-34: pricing); null without one. Cancelling the order gives its use back.</summary>
    [Id(30)]
    public Promotions.OrderCoupon? Coupon { get; set; }

    /// <summary>The promoter who referred the order and its commission (Ids 35-38: promoters); null if not referred.</summary>
    [Id(35)]
    public Promoters.OrderReferral? Referral { get; set; }

    /// <summary>How a card checkout is paid (Ids 31-34: payments): the provider, and its payment once confirmed; null for a wallet checkout.</summary>
    [Id(31)]
    public OrderPayment? Payment { get; set; }

    /// <summary>Admins' refunds of the order, by refund id.</summary>
    [Id(32)]
    public Dictionary<Guid, OrderRefundView> Refunds { get; set; } = [];

    /// <summary>What refunds after settlement (an admin's, or a refunded return's) took back from the parties settlement paid.</summary>
    [Id(33)]
    public long RefundedAfterSettlement { get; set; }
}
