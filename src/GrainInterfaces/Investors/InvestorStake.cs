namespace GrainMarket.Investors;

/// <summary>
/// A stake an admin recorded for an investor: the amount invested (minor units), the share of the company it bought
/// in basis points if one was agreed, when it was made, a note, and which admin recorded it when.
/// </summary>
[GenerateSerializer, Immutable, Alias("gm.investors.InvestorStake")]
public sealed record InvestorStake(
    [property: Id(0)] Guid Id,
    [property: Id(1)] long Amount,
    [property: Id(2)] int? SharesBps,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] string Note,
    [property: Id(5)] Guid RecordedBy,
    [property: Id(6)] DateTimeOffset RecordedAt);
