namespace GrainMarket.Delivery;

/// <summary>How an admin resolves a dispute.</summary>
public static class DisputeOutcomes
{
    /// <summary>The order is delivered and completes at once: sellers and courier are paid as usual.</summary>
    public const string Release = "release";

    /// <summary>The order is cancelled: the buyer's hold is released in full and the reserved stock goes back.</summary>
    public const string Refund = "refund";

    public static IReadOnlyList<string> All { get; } = [Release, Refund];
}
