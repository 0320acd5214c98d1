namespace GrainMarket.Payments;

/// <summary>
/// A payment's state machine: pending → failed ⇄ pending attempts → succeeded → refunded (a refunded payment is final:
/// a success reported after it changes nothing, so a late or replayed event never resurrects it).
/// </summary>
public static class PaymentStatuses
{
    public const string Pending = "pending";
    public const string Failed = "failed";
    public const string Succeeded = "succeeded";
    public const string Refunded = "refunded";
}
