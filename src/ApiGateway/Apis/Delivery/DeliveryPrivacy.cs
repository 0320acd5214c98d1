using System.Security.Claims;
using GrainMarket.ApiGateway.Auth;
using GrainMarket.Orders;

namespace GrainMarket.ApiGateway.Apis.Delivery;

/// <summary>
/// The buyer's phone and exact position (and where the courier stood at delivery) are for the buyer, admins, and the
/// assigned courier while the order is on its way to them; every other viewer (its sellers, a courier after delivery)
/// gets them null.
/// </summary>
public static class DeliveryPrivacy
{
    public static OrderView ForViewer(OrderView order, ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(user);
        var viewer = user.UserId();
        var sees = user.IsAdmin()
            || viewer == order.BuyerId
            || (viewer == order.CourierId && order.Status is OrderStatuses.Processing or OrderStatuses.Shipped or OrderStatuses.OutForDelivery);
        if (sees)
        {
            return order;
        }

        return order with
        {
            ShippingAddress = order.ShippingAddress is { } address ? address with { Phone = null, Latitude = null, Longitude = null } : null,
            Delivery = order.Delivery is { } delivery ? delivery with { Latitude = null, Longitude = null } : null,
        };
    }
}
