namespace GrainMarket.Investors;

/// <summary>A payout to an investor, paid from the platform's wallet into theirs, with its note and the admin who paid it.</summary>
[GenerateSerializer, Immutable, Alias("gm.investors.InvestorPayout")]
public sealed record InvestorPayout(
    [property: Id(0)] Guid Id,
    [property: Id(1)] long Amount,
    [property: Id(2)] string Note,
    [property: Id(3)] Guid PaidBy,
    [property: Id(4)] DateTimeOffset PaidAt);
