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

    /// <summary>Sessions kept per account; the oldest go first.</summary>
    public int MaxSessions { get; init; } = 20;
}
