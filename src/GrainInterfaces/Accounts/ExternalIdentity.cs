namespace GrainMarket.Accounts;

/// <summary>
/// Who an external provider (Google, Facebook, X, an OpenID Connect issuer) says signed in: its own stable id of the
/// user (<paramref name="Subject"/>), and the e-mail and name it gave, the e-mail marked verified only when the provider said so.
/// </summary>
[GenerateSerializer, Immutable, Alias("gm.accounts.ExternalIdentity")]
public sealed record ExternalIdentity(
    [property: Id(0)] string Provider,
    [property: Id(1)] string Subject,
    [property: Id(2)] string? Email,
    [property: Id(3)] bool EmailVerified,
    [property: Id(4)] string DisplayName);
