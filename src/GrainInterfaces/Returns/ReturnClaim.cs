using GrainMarket.Orders;

namespace GrainMarket.Returns;

/// <summary>
/// A return's claim on <paramref name="Lines"/> of an order, by <paramref name="BuyerId"/>: refused unless the order was
/// delivered at or after <paramref name="DeliveredSince"/> (now less the return window).
/// </summary>
[GenerateSerializer, Immutable, Alias("gm.returns.ReturnClaim")]
public sealed record ReturnClaim(
    [property: Id(0)] Guid ReturnId,
    [property: Id(1)] Guid BuyerId,
    [property: Id(2)] IReadOnlyList<CartLine> Lines,
    [property: Id(3)] DateTimeOffset DeliveredSince);
