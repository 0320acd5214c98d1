namespace GrainMarket.Accounts;

/// <summary>Session and login rules of the account grains.</summary>
public sealed record AccountSettings
{
    /// <summary>How long a session family lives after login before its refresh token stops working.</summary>
    public TimeSpan RefreshLifetime { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Consecutive failed logins after which an account is locked for <see cref="LockoutDuration"/>.</summary>
    public int MaxFailedLogins { get; init; } = 5;

    public TimeSpan LockoutDuration { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan ResetTokenLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How long a link ticket (an external sign-in whose e-mail has an account) waits for the account's password.</summary>
    public TimeSpan LinkTicketLifetime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Sessions kept per account; the oldest go first.</summary>
    public int MaxSessions { get; init; } = 20;

    /// <summary>
    /// How long after a rotation the previous refresh token still rotates (to a new pair) instead of ending the family:
    /// two tabs that refresh at once both present the same token.
    /// </summary>
    public TimeSpan RefreshReuseGrace { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>How many spent refresh secrets a session remembers (as hashes) to recognise a real reuse.</summary>
    public int SpentTokensKept { get; init; } = 10;
}
