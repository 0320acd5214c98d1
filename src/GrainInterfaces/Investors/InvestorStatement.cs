namespace GrainMarket.Investors;

/// <summary>An investor's statement: every stake and payout, oldest first, and their totals.</summary>
[GenerateSerializer, Immutable, Alias("gm.investors.InvestorStatement")]
public sealed record InvestorStatement(
    [property: Id(0)] Guid InvestorId,
    [property: Id(1)] long Staked,
    [property: Id(2)] int SharesBps,
    [property: Id(3)] long PaidOut,
    [property: Id(4)] IReadOnlyList<InvestorStake> Stakes,
    [property: Id(5)] IReadOnlyList<InvestorPayout> Payouts);
