namespace GrainMarket.Payments;

/// <summary>A settlement transfer to a seller's connected account: pending until the provider accepts it, then sent (final).</summary>
public static class PayoutTransferStatuses
{
    public const string Pending = "pending";
    public const string Sent = "sent";

    public static IReadOnlyList<string> All { get; } = [Pending, Sent];
}
