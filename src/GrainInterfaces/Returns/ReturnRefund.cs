namespace GrainMarket.Returns;

/// <summary>
/// A refund paid to the buyer: <paramref name="Amount"/> (the returned lines' value) came out of the order's hold
/// before it settled (<paramref name="BeforeSettlement"/>), or after it settled from the seller's share
/// (<paramref name="FromSeller"/>) and the platform's fee (<paramref name="FromPlatform"/>), which add up to it. After a
/// platform-funded coupon the platform may take its share of the coupon back from the seller: then
/// <paramref name="FromPlatform"/> is negative and the seller pays more than the refund. For an order a provider paid,
/// the refund then leaves the buyer's wallet again (WITHDRAWAL) to go back through <paramref name="Provider"/> to
/// payment <paramref name="PaymentId"/>; null for a wallet payment, whose refund stays in the wallet.
/// </summary>
[GenerateSerializer, Immutable, Alias("gm.returns.ReturnRefund")]
public sealed record ReturnRefund(
    [property: Id(0)] long Amount,
    [property: Id(1)] bool BeforeSettlement,
    [property: Id(2)] long FromSeller,
    [property: Id(3)] long FromPlatform,
    [property: Id(4)] string? Provider = null,
    [property: Id(5)] string? PaymentId = null);
