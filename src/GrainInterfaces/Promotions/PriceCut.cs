namespace GrainMarket.Promotions;

/// <summary>
/// A cut off a price: <see cref="PercentOff"/> whole percent (1–100) or <see cref="AmountOff"/> minor units, exactly one
/// of them non-zero. A percentage's cut is rounded down to the minor unit (deterministic, never more than the
/// percentage); the price never goes below 0.
/// </summary>
[GenerateSerializer, Immutable, Alias("gm.promotions.PriceCut")]
public sealed record PriceCut([property: Id(0)] int PercentOff, [property: Id(1)] long AmountOff)
{
    /// <summary>How much this takes off <paramref name="price"/>: at most the price itself.</summary>
    public long CutOff(long price) =>
        PercentOff > 0 ? (long)((Int128)price * PercentOff / 100) : Math.Min(AmountOff, price);
}
