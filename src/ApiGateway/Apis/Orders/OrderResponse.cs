using System.Security.Claims;
using GrainMarket.ApiGateway.Apis.Delivery;
using GrainMarket.ApiGateway.Auth;
using GrainMarket.Delivery;
using GrainMarket.Orders;

namespace GrainMarket.ApiGateway.Apis.Orders;

public sealed record OrderResponse(
    Guid Id,
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

    /// <summary>The coupon the order used: its code, the whole discount it gave and who funds it (each line shows its share).</summary>
    public Promotions.OrderCoupon? Coupon { get; init; }

    /// <summary>How a card checkout is paid: the method, the provider and its payment id; null for a wallet checkout.</summary>
    public OrderPayment? Payment { get; init; }

    /// <summary>A card checkout's answer only: the secret the buyer's client confirms the provider's payment with.</summary>
    public string? ClientSecret { get; init; }

    /// <summary>A provider checkout's answer only: the public key the buyer's client opens the provider's checkout with (Razorpay's key id); null for Stripe.</summary>
    public string? ClientKey { get; init; }

    /// <summary>
    /// The order as <paramref name="viewer"/> may see it: the buyer's phone and position only as
    /// <see cref="DeliveryPrivacy"/> allows, and for a seller of an order with several sellers (who is not also its buyer,
    /// courier or an admin) only their own lines, steps and parcels, with <see cref="Total"/> their lines' total
    /// and the coupon's discount their lines' shares of it.
    /// </summary>
    public static OrderResponse For(OrderView order, ClaimsPrincipal viewer, string currency)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(viewer);
        var shown = DeliveryPrivacy.ForViewer(order, viewer);
        var id = viewer.UserId();
        if (!viewer.IsAdmin() && id != order.BuyerId && id != order.CourierId && order.SellerIds.Contains(id) && order.SellerIds.Any(s => s != id))
        {
            var lines = order.Items.Where(l => l.SellerId == id).ToList();
            shown = shown with
            {
                Items = lines,
                Total = lines.Sum(l => l.LineTotal),
                Fulfilment = order.Fulfilment.Where(f => f.Key == id).ToDictionary(),
                Shipments = order.Shipments?.Where(s => s.Key == id).ToDictionary(),

                // Only the coupon's shares of their own lines: what other sellers' lines got is not theirs to see.
                Coupon = order.Coupon is { } coupon ? coupon with { Discount = lines.Sum(l => l.CouponShare) } : null,
            };
        }

        return From(shown, currency);
    }

    public static OrderResponse From(OrderView order, string currency)
    {
        ArgumentNullException.ThrowIfNull(order);
        return new(order.Id, order.BuyerId, order.Status, order.Total, currency, order.Items, order.ShippingAddress, order.History, order.Fulfilment, order.CreatedAt, order.AuctionId, order.PaymentDueAt, order.ShippingCharge, order.Shipments)
        {
            CourierId = order.CourierId,
            Delivery = order.Delivery,
            Dispute = order.Dispute,
            Coupon = order.Coupon,
            Payment = order.Payment,
        };
    }
}
