namespace GrainMarket.Promoters;

/// <summary>
/// A promoter's standing: the debts clawbacks left (oldest first), and their subscription: paid until
/// <see cref="PaidUntil"/> (null: never paid), renewed from their wallet at that time while <see cref="Renews"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("gm.promoters.PromoterView")]
public sealed record PromoterView(
    [property: Id(0)] IReadOnlyList<PromoterDebt> Debts,
    [property: Id(1)] DateTimeOffset? PaidUntil,
    [property: Id(2)] bool Renews)
{
    public long Debt => Debts.Sum(d => d.Amount);

    public bool IsPaidAt(DateTimeOffset now) => PaidUntil > now;
}
