using GrainMarket.Delivery;
using GrainMarket.Orders;

namespace GrainMarket.ApiGateway.Apis.Orders;

public sealed record OrderResponse(
    Guid OrderId,
    Guid BuyerId,
    string Status,
    long Total,
    string Currency,
    IReadOnlyList<OrderLine> Items,
    ShippingAddress? ShippingAddress,
    IReadOnlyList<OrderEvent> History,
    IReadOnlyDictionary<Guid, string> Fulfilment,
    DateTimeOffset CreatedAt,
    Guid? AuctionId,
    DateTimeOffset? PaymentDueAt,
    long ShippingCharge,
    IReadOnlyDictionary<Guid, CarrierShipment>? Shipments = null)
{
    /// <summary>The courier who claimed the order, if any.</summary>
    public Guid? CourierId { get; init; }

    /// <summary>Who delivered the order, when, how and where (the position only for those who see the buyer's).</summary>
    public DeliveryRecord? Delivery { get; init; }

    /// <summary>The buyer's dispute and its resolution.</summary>
    public DisputeRecord? Dispute { get; init; }

    public static OrderResponse From(OrderView order, string currency)
    {
        ArgumentNullException.ThrowIfNull(order);
        return new(order.Id, order.BuyerId, order.Status, order.Total, currency, order.Items, order.ShippingAddress, order.History, order.Fulfilment, order.CreatedAt, order.AuctionId, order.PaymentDueAt, order.ShippingCharge, order.Shipments)
        {
            CourierId = order.CourierId,
            Delivery = order.Delivery,
            Dispute = order.Dispute,
        };
    }
}
