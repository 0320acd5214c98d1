using GrainMarket.Orders;

namespace GrainMarket.Returns;

/// <summary>A return's transactional state; see <see cref="ReturnView"/> for the meaning of each member.</summary>
[GenerateSerializer, Alias("gm.returns.ReturnState")]
public sealed class ReturnState
{
    /// <summary>Null until the return is requested.</summary>
    [Id(0)]
    public string? Status { get; set; }

    [Id(1)]
    public Guid OrderId { get; set; }

    [Id(2)]
    public Guid BuyerId { get; set; }

    [Id(3)]
    public Guid SellerId { get; set; }

    [Id(4)]
    public List<OrderLine> Lines { get; set; } = [];

    [Id(5)]
    public string Reason { get; set; } = "";

    [Id(6)]
    public List<string> PhotoUrls { get; set; } = [];

    [Id(7)]
    public Guid? CourierId { get; set; }

    [Id(8)]
    public List<InspectedLine> Inspection { get; set; } = [];

    [Id(9)]
    public string? Outcome { get; set; }

    [Id(10)]
    public bool SellerAtFault { get; set; }

    [Id(11)]
    public ReturnRefund? Refund { get; set; }

    [Id(12)]
    public List<OrderEvent> History { get; set; } = [];

    [Id(13)]
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Why the return was rejected.</summary>
    [Id(14)]
    public string? Note { get; set; }
}
