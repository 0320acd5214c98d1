namespace GrainMarket.Returns;

/// <summary>
/// An admin's decision (<see cref="ReturnOutcomes"/>); <paramref name="SellerAtFault"/> costs the seller points, and
/// needs a unit the inspection found damaged or wrong.
/// </summary>
[GenerateSerializer, Immutable, Alias("gm.returns.ReturnDecision")]
public sealed record ReturnDecision(
    [property: Id(0)] string Outcome,
    [property: Id(1)] bool SellerAtFault);
