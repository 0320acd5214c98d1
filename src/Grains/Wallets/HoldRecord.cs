using System.Text.Json.Serialization;

namespace GrainMarket.Wallets;

/// <summary>
/// A hold, as a record of its own beside the wallet's state (one row per hold): pending, or resolved and kept, so that
/// any repeat of an operation on it answers with its first outcome. A new record (no status) is a hold that does not exist.
/// </summary>
public sealed class HoldRecord
{
    public long Amount { get; set; }

    public string Reference { get; set; } = "";

    /// <summary>A <see cref="HoldStatuses"/> value; empty while the hold does not exist.</summary>
    public string Status { get; set; } = "";

    public long Captured { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    [JsonIgnore]
    public bool Exists => Status.Length > 0;

    public HoldView View(string holdId) => new(holdId, Amount, Reference, Status, Captured, ExpiresAt);
}
