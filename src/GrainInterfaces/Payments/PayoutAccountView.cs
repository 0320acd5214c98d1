namespace GrainMarket.Payments;

/// <summary>
/// A seller's connected payout account at <see cref="Provider"/> (a Stripe Express account <see cref="AccountId"/>)
/// and what the provider last reported of it (as of <see cref="StatusAt"/>, the report's own time).
/// <see cref="CanReceiveTransfers"/>: settlement pays the seller by a transfer to it instead of into their wallet.
/// </summary>
[GenerateSerializer, Immutable, Alias("gm.payments.PayoutAccountView")]
public sealed record PayoutAccountView(
    [property: Id(0)] Guid SellerId,
    [property: Id(1)] string Provider,
    [property: Id(2)] string AccountId,
    [property: Id(3)] bool PayoutsEnabled,
    [property: Id(4)] bool ChargesEnabled,
    [property: Id(5)] bool TransfersActive,
    [property: Id(6)] bool DetailsSubmitted,
    [property: Id(7)] DateTimeOffset? StatusAt,
    [property: Id(8)] DateTimeOffset CreatedAt)
{
    /// <summary>Payouts enabled and the <c>transfers</c> capability active: what Stripe requires of a transfer's destination.</summary>
    public bool CanReceiveTransfers => PayoutsEnabled && TransfersActive;
}
