namespace GrainMarket.Delivery;

/// <summary>
/// The courier and dispute steps an order's history records (<see cref="Orders.OrderEvent.Status"/>), besides the
/// statuses it enters; watchers of the order see each of them, in order.
/// </summary>
public static class DeliveryEvents
{
    public const string Claimed = "claimed";
    public const string Released = "released";

    /// <summary>The courier picked the parcel up: the order is shipped, and the buyer has the proof.</summary>
    public const string PickedUp = "picked-up";
    public const string OutForDelivery = "out-for-delivery";
    public const string Delivered = "delivered";
    public const string ProofFailed = "proof-failed";
    public const string ProofLocked = "proof-locked";
    public const string ProofReset = "proof-reset";
    public const string Disputed = "disputed";
    public const string DisputeResolved = "dispute-resolved";
}
