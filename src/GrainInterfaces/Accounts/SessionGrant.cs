namespace GrainMarket.Accounts;

/// <summary>
/// An opened or rotated session: the refresh token (opaque, shown once) and what the gateway signs into the access
/// token — the session family, the account's security stamp and its active role.
/// </summary>
[GenerateSerializer, Alias("gm.accounts.SessionGrant")]
public sealed record SessionGrant(
    [property: Id(0)] UserView User,
    [property: Id(1)] string SessionId,
    [property: Id(2)] string Stamp,
    [property: Id(3)] string RefreshToken,
    [property: Id(4)] DateTimeOffset RefreshExpiresAt);
