namespace GrainMarket.Sellers;

/// <summary>The deterministic ids of points entries an order gives or takes, one per order and seller, so a repeat never counts twice.</summary>
public static class PointsEntryIds
{
    public static string Sale(Guid orderId, Guid sellerId) => $"sale:{orderId:N}:{sellerId:N}";

    public static string LateShipping(Guid orderId, Guid sellerId) => $"late-shipping:{orderId:N}:{sellerId:N}";
}
