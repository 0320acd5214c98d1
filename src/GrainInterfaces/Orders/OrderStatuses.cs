namespace GrainMarket.Orders;

public static class OrderStatuses
{
    /// <summary>Funds held, stock reserved.</summary>
    public const string Placed = "placed";
    public const string Processing = "processing";
    public const string Shipped = "shipped";
    public const string Delivered = "delivered";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";

    public static IReadOnlyList<string> All { get; } = [Placed, Processing, Shipped, Delivered, Completed, Cancelled];
}
