namespace GrainMarket.Payments;

/// <summary>What settlement owes a seller's connected account: <see cref="Amount"/> for <see cref="OrderId"/> to <see cref="AccountId"/> at <see cref="Provider"/>.</summary>
[GenerateSerializer, Immutable, Alias("gm.payments.PayoutTransferOrder")]
public sealed record PayoutTransferOrder(
    [property: Id(0)] Guid OrderId,
    [property: Id(1)] Guid SellerId,
    [property: Id(2)] string Provider,
    [property: Id(3)] string AccountId,
    [property: Id(4)] long Amount);
