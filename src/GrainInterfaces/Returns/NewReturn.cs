using GrainMarket.Orders;

namespace GrainMarket.Returns;

/// <summary>A buyer's request to return <paramref name="Lines"/> (product and quantity) of one of their orders.</summary>
[GenerateSerializer, Immutable, Alias("gm.returns.NewReturn")]
public sealed record NewReturn(
    [property: Id(0)] Guid BuyerId,
    [property: Id(1)] Guid OrderId,
    [property: Id(2)] IReadOnlyList<CartLine> Lines,
    [property: Id(3)] string Reason,
    [property: Id(4)] IReadOnlyList<string> PhotoUrls);
