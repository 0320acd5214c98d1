namespace GrainMarket.Auctions;

/// <summary>
/// A user's record as a payer of auctions won (key: the user id): each unpaid win is a violation, recorded once per
/// reference; at <c>GRAINMARKET_MAX_PAYMENT_VIOLATIONS</c> the user may no longer bid.
/// </summary>
[Alias("gm.payment-standing")]
public interface IPaymentStandingGrain : IGrainWithGuidKey
{
    /// <summary>Records a violation for <paramref name="reference"/> (a repeat changes nothing); returns the standing after it.</summary>
    [Alias("recordViolation")]
    Task<PaymentStanding> RecordViolationAsync(string reference);

    [ReadOnly]
    [Alias("get")]
    Task<PaymentStanding> GetAsync();
}

[GenerateSerializer, Immutable, Alias("gm.auctions.PaymentStanding")]
public sealed record PaymentStanding([property: Id(0)] int Violations, [property: Id(1)] bool BlockedFromBidding);
