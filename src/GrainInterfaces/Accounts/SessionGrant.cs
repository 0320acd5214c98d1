namespace GrainMarket.Accounts;

/// <summary>
/// An opened or rotated session: the refresh token (opaque, shown once) and what the gateway signs into the access
/// token — the session family, the account's security stamp and its active role.
/// </summary>
public sealed record SessionGrant(UserView User, string SessionId, string Stamp, string RefreshToken, DateTimeOffset RefreshExpiresAt);
