namespace GrainMarket.Wallets;

/// <summary>A hold as the wallet state keeps it, pending or resolved (resolved holds stay: they answer repeats).</summary>
public sealed class HoldRecord
{
    public long Amount { get; set; }

    public string Reference { get; set; } = "";

    public string Status { get; set; } = HoldStatuses.Pending;

    public long Captured { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public HoldView View(string holdId) => new(holdId, Amount, Reference, Status, Captured, ExpiresAt);
}
