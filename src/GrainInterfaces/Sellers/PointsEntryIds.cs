namespace GrainMarket.Sellers;

/// <summary>The deterministic ids of points entries an order gives or takes, one per order and seller, so a repeat never counts twice.</summary>
public static class PointsEntryIds
{
    public static string Sale(Guid orderId, Guid sellerId) => $"sale:{orderId:N}:{sellerId:N}";

    /// <summary>The points a return refunded after the order's settlement takes back, once per return.</summary>
    public static string SaleReturned(Guid orderId, Guid returnId) => $"sale-returned:{orderId:N}:{returnId:N}";

    public static string LateShipping(Guid orderId, Guid sellerId) => $"late-shipping:{orderId:N}:{sellerId:N}";
}
