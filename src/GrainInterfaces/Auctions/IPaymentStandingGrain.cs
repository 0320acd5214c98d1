namespace GrainMarket.Auctions;

/// <summary>
/// A user's record as a payer of auctions won (key: the user id): each unpaid win is a violation, recorded once per
/// reference; at <c>GRAINMARKET_MAX_PAYMENT_VIOLATIONS</c> the user may no longer bid.
/// </summary>
public interface IPaymentStandingGrain : IGrainWithGuidKey
{
    /// <summary>Records a violation for <paramref name="reference"/> (a repeat changes nothing); returns the standing after it.</summary>
    Task<PaymentStanding> RecordViolationAsync(string reference);

    [ReadOnly]
    Task<PaymentStanding> GetAsync();
}

public sealed record PaymentStanding(int Violations, bool BlockedFromBidding);
