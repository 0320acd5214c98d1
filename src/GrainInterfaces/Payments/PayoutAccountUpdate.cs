namespace GrainMarket.Payments;

/// <summary>
/// A provider's verified report (Stripe's <c>account.updated</c> event <see cref="EventId"/>, made at
/// <see cref="Created"/>) of what connected account <see cref="AccountId"/>, created for seller <see cref="SellerId"/>,
/// can do now.
/// </summary>
[GenerateSerializer, Immutable, Alias("gm.payments.PayoutAccountUpdate")]
public sealed record PayoutAccountUpdate(
    [property: Id(0)] string Provider,
    [property: Id(1)] string EventId,
    [property: Id(2)] string AccountId,
    [property: Id(3)] Guid SellerId,
    [property: Id(4)] DateTimeOffset Created,
    [property: Id(5)] bool PayoutsEnabled,
    [property: Id(6)] bool ChargesEnabled,
    [property: Id(7)] bool TransfersActive,
    [property: Id(8)] bool DetailsSubmitted);
