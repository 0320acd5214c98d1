namespace GrainMarket.Wallets;

/// <summary>
/// A hold and its outcome: <paramref name="Captured"/> is what left the wallet (a capture or a withdrawal); the rest of
/// <paramref name="Amount"/> went back to <c>available</c> when it resolved.
/// </summary>
public sealed record HoldView(string HoldId, long Amount, string Reference, string Status, long Captured, DateTimeOffset? ExpiresAt);
