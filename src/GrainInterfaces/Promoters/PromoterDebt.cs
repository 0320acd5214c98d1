namespace GrainMarket.Promoters;

/// <summary>Commission a promoter owes <see cref="CreditorWalletId"/> because their wallet was short at a clawback (<see cref="Reference"/>).</summary>
[GenerateSerializer, Immutable, Alias("gm.promoters.PromoterDebt")]
public sealed record PromoterDebt(
    [property: Id(0)] string CreditorWalletId,
    [property: Id(1)] long Amount,
    [property: Id(2)] string Reference,
    [property: Id(3)] DateTimeOffset At);
