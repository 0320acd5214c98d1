namespace GrainMarket.Wallets;

/// <summary>
/// A hold and its outcome: <paramref name="Captured"/> is what left the wallet (a capture or a withdrawal); the rest of
/// <paramref name="Amount"/> went back to <c>available</c> when it resolved.
/// </summary>
[GenerateSerializer, Immutable, Alias("gm.wallets.HoldView")]
public sealed record HoldView(
    [property: Id(0)] string HoldId,
    [property: Id(1)] long Amount,
    [property: Id(2)] string Reference,
    [property: Id(3)] string Status,
    [property: Id(4)] long Captured,
    [property: Id(5)] DateTimeOffset? ExpiresAt);
