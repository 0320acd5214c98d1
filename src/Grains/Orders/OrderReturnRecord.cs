using GrainMarket.Returns;

namespace GrainMarket.Orders;

/// <summary>
/// A return's claim on an order's lines, kept in the order's state (<see cref="OrderState.Returns"/>): open while the
/// return is under way, then how it ended. A refunded return took its units back from the order.
/// </summary>
[GenerateSerializer, Alias("gm.orders.OrderReturnRecord")]
public sealed class OrderReturnRecord
{
    /// <summary>The claimed lines, as the order sold them.</summary>
    [Id(0)]
    public List<OrderLine> Lines { get; set; } = [];

    /// <summary>Null while open; then a <see cref="ReturnOutcomes"/> value or <see cref="ReturnStatuses.Rejected"/>.</summary>
    [Id(1)]
    public string? Outcome { get; set; }

    /// <summary>When the outcome was decided (the day a refund counts in the seller's analytics); null while open.</summary>
    [Id(2)]
    public DateTimeOffset? ResolvedAt { get; set; }

    public bool IsOpen => Outcome is null;

    /// <summary>Whether its units still count against what may be returned: every return but a rejected one.</summary>
    public bool Claims => Outcome != ReturnStatuses.Rejected;

    /// <summary>Whether its units went back from the order to stock (or were written off) with a refund.</summary>
    public bool TookBack => Outcome == ReturnOutcomes.Refund;
}
