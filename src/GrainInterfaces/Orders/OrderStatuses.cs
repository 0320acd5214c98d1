namespace GrainMarket.Orders;

public static class OrderStatuses
{
    /// <summary>An auction won under pay-after-win, or a card checkout (its stock reserved): nothing held until the buyer pays, before its deadline.</summary>
    public const string AwaitingPayment = "awaiting-payment";

    /// <summary>Funds held, stock reserved.</summary>
    public const string Placed = "placed";
    public const string Processing = "processing";
    public const string Shipped = "shipped";

    /// <summary>A platform courier has the parcel on the way to the buyer.</summary>
    public const string OutForDelivery = "out-for-delivery";

    /// <summary>Proven delivered (the courier's proof, the buyer's confirmation or a carrier's report); completes after the delay.</summary>
    public const string Delivered = "delivered";

    /// <summary>The buyer disputes the delivery: the order stays unsettled (its money held) until an admin resolves it.</summary>
    public const string Disputed = "disputed";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";

    public static IReadOnlyList<string> All { get; } = [AwaitingPayment, Placed, Processing, Shipped, OutForDelivery, Delivered, Disputed, Completed, Cancelled];

    /// <summary>The statuses of an order whose money is held and whose stock is reserved: placed until completed or cancelled.</summary>
    public static IReadOnlyList<string> Live { get; } = [Placed, Processing, Shipped, OutForDelivery, Delivered, Disputed];
}
