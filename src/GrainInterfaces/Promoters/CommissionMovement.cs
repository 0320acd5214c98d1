namespace GrainMarket.Promoters;

/// <summary>
/// A commission paid to a promoter by <see cref="Shares"/> (at an order's completion), or taken back from them into
/// <see cref="Shares"/> (at a refund after it). <see cref="OperationId"/> names it (hold ids derive from it) and
/// <see cref="Reference"/> is the ledger entries' reference.
/// </summary>
[GenerateSerializer, Immutable, Alias("gm.promoters.CommissionMovement")]
public sealed record CommissionMovement(
    [property: Id(0)] string OperationId,
    [property: Id(1)] string Reference,
    [property: Id(2)] IReadOnlyList<CommissionShare> Shares);
