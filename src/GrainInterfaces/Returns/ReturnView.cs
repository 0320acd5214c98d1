using GrainMarket.Orders;

namespace GrainMarket.Returns;

/// <summary>
/// A return: the <see cref="Lines"/> of one seller's products the buyer sends back (prices as the order sold them),
/// why, where it stands, the courier who picked it up, what the inspection found, and the admin's decision.
/// </summary>
[GenerateSerializer, Immutable, Alias("gm.returns.ReturnView")]
public sealed record ReturnView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid OrderId,
    [property: Id(2)] Guid BuyerId,
    [property: Id(3)] Guid SellerId,
    [property: Id(4)] string Status,
    [property: Id(5)] IReadOnlyList<OrderLine> Lines,
    [property: Id(6)] string Reason,
    [property: Id(7)] IReadOnlyList<string> PhotoUrls,
    [property: Id(8)] Guid? CourierId,
    [property: Id(9)] IReadOnlyList<InspectedLine> Inspection,
    [property: Id(10)] string? Outcome,
    [property: Id(11)] bool SellerAtFault,
    [property: Id(12)] ReturnRefund? Refund,
    [property: Id(13)] IReadOnlyList<OrderEvent> History,
    [property: Id(14)] DateTimeOffset CreatedAt,
    [property: Id(15)] string? Note)
{
    /// <summary>What the returned lines cost the buyer.</summary>
    public long Value => Lines.Sum(l => l.LineTotal);

    /// <summary>Whether <paramref name="userId"/> may see the return: its buyer, its seller or its courier.</summary>
    public bool IsParty(Guid userId) => userId == BuyerId || userId == SellerId || userId == CourierId;
}
