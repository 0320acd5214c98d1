namespace GrainMarket.Accounts;

/// <summary>A refresh-token family: each rotation bumps <see cref="Generation"/>; presenting an older generation means the token leaked.</summary>
public sealed class SessionState
{
    public int Generation { get; set; }

    public string TokenHash { get; set; } = "";

    public string ActiveRole { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}
