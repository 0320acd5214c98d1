namespace GrainMarket.Payments;

/// <summary>
/// A transfer settlement owes a seller's connected account (key <see cref="Key"/>, also the provider's idempotency key):
/// <see cref="Amount"/> minor units of the marketplace currency to <see cref="AccountId"/> for order <see cref="OrderId"/>.
/// While <see cref="PayoutTransferStatuses.Pending"/> the gateway sends it, at <see cref="NextAttemptAt"/> at the
/// earliest; <see cref="LastError"/> is why the provider refused the last attempt. Once sent, <see cref="TransferId"/>
/// is the provider's transfer. <see cref="Refusals"/> counts the attempts the provider refused outright (it created
/// nothing): the next attempt asks under a key of its own (<see cref="PayoutKeys.Attempt"/>), while an attempt whose
/// outcome is unknown (a timeout) is asked again under the same key.
/// </summary>
[GenerateSerializer, Immutable, Alias("gm.payments.PayoutTransferView")]
public sealed record PayoutTransferView(
    [property: Id(0)] string Key,
    [property: Id(1)] Guid OrderId,
    [property: Id(2)] Guid SellerId,
    [property: Id(3)] string Provider,
    [property: Id(4)] string AccountId,
    [property: Id(5)] long Amount,
    [property: Id(6)] string Status,
    [property: Id(7)] string? TransferId,
    [property: Id(8)] int Attempts,
    [property: Id(9)] string? LastError,
    [property: Id(10)] DateTimeOffset NextAttemptAt,
    [property: Id(11)] DateTimeOffset CreatedAt,
    [property: Id(12)] DateTimeOffset? SentAt,
    [property: Id(13)] int Refusals = 0);
