namespace GrainMarket.Accounts;

[GenerateSerializer, Alias("gm.accounts.UserState")]
public sealed class UserState
{
    [Id(0)]
    public string Email { get; set; } = "";

    [Id(1)]
    public string DisplayName { get; set; } = "";

    [Id(2)]
    public List<string> Roles { get; set; } = [];

    [Id(3)]
    public string ActiveRole { get; set; } = "";

    [Id(4)]
    public string? Phone { get; set; }

    [Id(5)]
    public Location? Location { get; set; }

    [Id(6)]
    public string? AvatarUrl { get; set; }

    [Id(7)]
    public bool Blocked { get; set; }

    [Id(8)]
    public DateTimeOffset CreatedAt { get; set; }

    [Id(9)]
    public string PasswordHash { get; set; } = "";

    /// <summary>Changes whenever every access token must stop working (password, roles, blocking).</summary>
    [Id(10)]
    public string Stamp { get; set; } = "";

    [Id(11)]
    public Dictionary<string, SessionState> Sessions { get; set; } = [];

    [Id(12)]
    public int FailedLogins { get; set; }

    [Id(13)]
    public DateTimeOffset? LockedUntil { get; set; }

    [Id(14)]
    public string? ResetTokenHash { get; set; }

    [Id(15)]
    public DateTimeOffset? ResetExpiresAt { get; set; }

    /// <summary>External identities (Google, an OpenID Connect provider…) that sign in to this account.</summary>
    [Id(16)]
    public List<LinkedLoginState> Logins { get; set; } = [];

    /// <summary>Whether a provider vouched for <see cref="Email"/> when it created the account (registration does not verify).</summary>
    [Id(17)]
    public bool EmailVerified { get; set; }

    /// <summary>The public handle others find the account by (lower case, held in <see cref="IUsernameGrain"/>); null until chosen.</summary>
    [Id(18)]
    public string? Username { get; set; }

    /// <summary>
    /// E-mails produced by the current command; the projection puts them in the outbox table in the same commit. Never
    /// stored (no <c>[Id]</c>): every command empties it before it changes anything, so it only holds what the write at
    /// hand must send, and an activation starts with it empty.
    /// </summary>
    [field: NonSerialized]
    public List<OutboxEmail> Outbox { get; set; } = [];
}
