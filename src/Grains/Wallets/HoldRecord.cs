namespace GrainMarket.Wallets;

/// <summary>
/// A hold as the wallet state keeps it: pending, or resolved (kept for a while to answer repeats; see
/// <see cref="WalletState.RecentOutcomes"/>).
/// </summary>
public sealed class HoldRecord
{
    public long Amount { get; set; }

    public string Reference { get; set; } = "";

    public string Status { get; set; } = HoldStatuses.Pending;

    public long Captured { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>The wallet's ledger sequence when the hold resolved (0 while pending): the oldest outcomes are forgotten first.</summary>
    public long ResolvedAt { get; set; }

    public HoldView View(string holdId) => new(holdId, Amount, Reference, Status, Captured, ExpiresAt);
}
