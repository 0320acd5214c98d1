namespace GrainMarket.Promoters;

/// <summary>
/// The promoter an order was referred by and through which <see cref="Code"/>, the commission terms of its lines fixed at
/// checkout (a line without terms earns nothing), the commission expected at checkout, what completion paid
/// (<see cref="Paid"/> at <see cref="PaidAt"/>; null before) and what refunds after completion took back.
/// </summary>
[GenerateSerializer, Immutable, Alias("gm.promoters.OrderReferral")]
public sealed record OrderReferral(
    [property: Id(0)] Guid PromoterId,
    [property: Id(1)] string Code,
    [property: Id(2)] IReadOnlyList<CommissionTerms> Terms,
    [property: Id(3)] long Expected = 0,
    [property: Id(4)] long Paid = 0,
    [property: Id(5)] DateTimeOffset? PaidAt = null,
    [property: Id(6)] IReadOnlyList<CommissionClawback>? Clawbacks = null)
{
    public long ClawedBack => Clawbacks?.Sum(c => c.Amount) ?? 0;
}
