namespace GrainMarket.Accounts;

public sealed class UserState
{
    public string Email { get; set; } = "";

    public string DisplayName { get; set; } = "";

    public List<string> Roles { get; set; } = [];

    public string ActiveRole { get; set; } = "";

    public string? Phone { get; set; }

    public Location? Location { get; set; }

    public string? AvatarUrl { get; set; }

    public bool Blocked { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string PasswordHash { get; set; } = "";

    /// <summary>Changes whenever every access token must stop working (password, roles, blocking).</summary>
    public string Stamp { get; set; } = "";

    public Dictionary<string, SessionState> Sessions { get; set; } = [];

    public int FailedLogins { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }

    public string? ResetTokenHash { get; set; }

    public DateTimeOffset? ResetExpiresAt { get; set; }

    /// <summary>E-mails produced by the last command; the projection puts them in the outbox table in the same commit.</summary>
    public List<OutboxEmail> Outbox { get; set; } = [];
}
