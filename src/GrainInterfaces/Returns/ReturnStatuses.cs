namespace GrainMarket.Returns;

/// <summary>
/// A return's life: requested → approved or rejected (a seller of its lines or an admin) → picked up (a courier or an
/// admin) → received (the seller or an admin) → inspected (its courier or an admin) → refunded, replaced or closed (an
/// admin's decision). Every status but the last four is open: an open return keeps its order from settling.
/// </summary>
public static class ReturnStatuses
{
    public const string Requested = "requested";
    public const string Approved = "approved";
    public const string Rejected = "rejected";
    public const string PickedUp = "picked-up";
    public const string Received = "received";
    public const string Inspected = "inspected";
    public const string Refunded = "refunded";
    public const string Replaced = "replaced";
    public const string Closed = "closed";

    public static IReadOnlyList<string> All { get; } = [Requested, Approved, Rejected, PickedUp, Received, Inspected, Refunded, Replaced, Closed];

    /// <summary>The statuses of a return still under way.</summary>
    public static IReadOnlyList<string> Open { get; } = [Requested, Approved, PickedUp, Received, Inspected];

    public static bool IsOpen(string status) => Open.Contains(status, StringComparer.Ordinal);
}
