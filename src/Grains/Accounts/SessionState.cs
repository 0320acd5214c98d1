namespace GrainMarket.Accounts;

/// <summary>A refresh-token family: each rotation bumps <see cref="Generation"/>; presenting an older generation means the token leaked.</summary>
[GenerateSerializer, Alias("gm.accounts.SessionState")]
public sealed class SessionState
{
    [Id(0)]
    public int Generation { get; set; }

    [Id(1)]
    public string TokenHash { get; set; } = "";

    [Id(2)]
    public string ActiveRole { get; set; } = "";

    [Id(3)]
    public DateTimeOffset CreatedAt { get; set; }

    [Id(4)]
    public DateTimeOffset ExpiresAt { get; set; }
}
