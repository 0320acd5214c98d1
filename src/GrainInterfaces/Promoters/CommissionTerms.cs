namespace GrainMarket.Promoters;

/// <summary>
/// What a referred order pays its promoter for one product's line, fixed at checkout from the most specific rule and the
/// promoter's standing then: <see cref="RateBps"/> of the line's paid amount rounded down, at most <see cref="Cap"/>,
/// paid by <see cref="FundedBy"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("gm.promoters.CommissionTerms")]
public sealed record CommissionTerms(
    [property: Id(0)] Guid ProductId,
    [property: Id(1)] int RateBps,
    [property: Id(2)] long? Cap,
    [property: Id(3)] string FundedBy)
{
    /// <summary>The commission on <paramref name="paid"/> (a line's paid amount): rounded down, capped, never negative.</summary>
    public long On(long paid)
    {
        var commission = paid <= 0 ? 0 : (long)((Int128)paid * RateBps / 10_000);
        return Cap is { } cap ? Math.Min(commission, cap) : commission;
    }
}
