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
    public static OrderResponse From(OrderView order, string currency)
    {
        ArgumentNullException.ThrowIfNull(order);
        return new(order.Id, order.BuyerId, order.Status, order.Total, currency, order.Items, order.ShippingAddress, order.History, order.Fulfilment, order.CreatedAt, order.AuctionId, order.PaymentDueAt, order.ShippingCharge, order.Shipments);
    }
}
