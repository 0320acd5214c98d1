namespace GrainMarket.Payments;

/// <summary>
/// A provider payment the gateway has just created: <see cref="Amount"/> minor units for <see cref="Purpose"/> of
/// <see cref="UserId"/> (and <see cref="OrderId"/>), to be verified with the provider until <see cref="VerifyUntil"/> if
/// its webhook does not come. What it records is what GrainMarket asked for, so it wins over what an event reports.
/// </summary>
[GenerateSerializer, Immutable, Alias("gm.payments.PaymentOpening")]
public sealed record PaymentOpening(
    [property: Id(0)] string Provider,
    [property: Id(1)] string PaymentId,
    [property: Id(2)] string Purpose,
    [property: Id(3)] Guid UserId,
    [property: Id(4)] Guid? OrderId,
    [property: Id(5)] long Amount,
    [property: Id(6)] DateTimeOffset VerifyUntil);
