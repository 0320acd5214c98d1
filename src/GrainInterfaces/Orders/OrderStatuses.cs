namespace GrainMarket.Orders;

public static class OrderStatuses
{
    /// <summary>An auction won under pay-after-win: nothing held until the buyer pays, before its deadline.</summary>
    public const string AwaitingPayment = "awaiting-payment";

    /// <summary>Funds held, stock reserved.</summary>
    public const string Placed = "placed";
    public const string Processing = "processing";
    public const string Shipped = "shipped";
    public const string Delivered = "delivered";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";

    public static IReadOnlyList<string> All { get; } = [AwaitingPayment, Placed, Processing, Shipped, Delivered, Completed, Cancelled];
}
