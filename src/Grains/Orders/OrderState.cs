namespace GrainMarket.Orders;

public sealed class OrderState
{
    /// <summary>Null until the order is placed.</summary>
    public string? Status { get; set; }

    public Guid BuyerId { get; set; }

    public List<OrderLine> Lines { get; set; } = [];

    public ShippingAddress? ShippingAddress { get; set; }

    public long Total { get; set; }

    public List<OrderEvent> History { get; set; } = [];

    /// <summary>Each seller's own step (processing, shipped, delivered); a seller not listed has not accepted yet.</summary>
    public Dictionary<Guid, string> Fulfilment { get; set; } = [];

    public Guid? CourierId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The auction this order came from: no stock to reserve or sell, and the winner's auction hold pays.</summary>
    public Guid? AuctionId { get; set; }

    /// <summary>For a pay-after-win auction order: when it is cancelled if still unpaid. Such an order has its own hold once paid.</summary>
    public DateTimeOffset? PaymentDueAt { get; set; }
}
