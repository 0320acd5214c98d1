namespace GrainMarket.Wallets;

/// <summary>
/// A hold, kept in its wallet's state (<see cref="WalletState.Holds"/>, keyed by hold id): pending, or resolved and kept
/// a while (<see cref="WalletState.ResolvedHoldsKept"/>), so that a repeat of an operation on it answers with its first
/// outcome. A hold id missing from the state is a hold that does not exist (or one resolved long ago and forgotten).
/// </summary>
[GenerateSerializer, Alias("gm.wallets.HoldRecord")]
public sealed class HoldRecord
{
    [Id(0)]
    public long Amount { get; set; }

    [Id(1)]
    public string Reference { get; set; } = "";

    /// <summary>A <see cref="HoldStatuses"/> value.</summary>
    [Id(2)]
    public string Status { get; set; } = HoldStatuses.Pending;

    [Id(3)]
    public long Captured { get; set; }

    [Id(4)]
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>Numbers the wallet's resolved holds in the order they resolved (<see cref="WalletState.ResolvedHolds"/>); 0 while pending.</summary>
    [Id(5)]
    public long ResolvedOrder { get; set; }

    public bool IsPending => Status == HoldStatuses.Pending;

    public HoldView View(string holdId) => new(holdId, Amount, Reference, Status, Captured, ExpiresAt);
}
