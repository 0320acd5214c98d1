namespace GrainMarket.Promoters;

/// <summary>
/// A commission taken back because return <see cref="ReturnId"/> was refunded after completion: <see cref="Amount"/> in
/// all, of which <see cref="Debt"/> the promoter's wallet could not pay and owes (paid first out of later commissions).
/// </summary>
[GenerateSerializer, Immutable, Alias("gm.promoters.CommissionClawback")]
public sealed record CommissionClawback(
    [property: Id(0)] Guid ReturnId,
    [property: Id(1)] long Amount,
    [property: Id(2)] long Debt,
    [property: Id(3)] DateTimeOffset At);
