using GrainMarket.Common;

namespace GrainMarket.Orders;

/// <summary>
/// Order ids and the deterministic ids of an order's steps. A checkout's order id is derived from the buyer and the
/// Idempotency-Key, so a retried checkout reaches the same order grain and cannot place a second order.
/// </summary>
public static class OrderIds
{
    public static Guid FromIdempotencyKey(Guid buyerId, string idempotencyKey)
    {
        ArgumentNullException.ThrowIfNull(idempotencyKey);
        return DeterministicGuid.From($"checkout:{buyerId:N}:{idempotencyKey}");
    }

    public static string Hold(Guid orderId) => $"order:{orderId:N}:hold";

    public static string Reservation(Guid orderId) => $"order:{orderId:N}";

    public static string Reference(Guid orderId) => $"order:{orderId:N}";

    /// <summary>The platform wallet's hold that pays a platform-funded coupon's share to the order's sellers at completion.</summary>
    public static string CouponSubsidy(Guid orderId) => $"order:{orderId:N}:coupon";
}
