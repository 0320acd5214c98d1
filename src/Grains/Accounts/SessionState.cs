namespace GrainMarket.Accounts;

/// <summary>A refresh-token family: each rotation bumps <see cref="Generation"/>; presenting the secret of an older generation (after a short grace) means the token leaked.</summary>
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

    /// <summary>
    /// Hashes of the secrets of earlier generations, newest last, at most <see cref="AccountSettings.SpentTokensKept"/>:
    /// only a secret that was really issued proves a leak, so only one of these ends the family (a made-up one does not).
    /// </summary>
    [Id(5)]
    public List<string> SpentTokenHashes { get; set; } = [];

    /// <summary>When the current generation was issued: the previous one is still honoured for <see cref="AccountSettings.RefreshReuseGrace"/>.</summary>
    [Id(6)]
    public DateTimeOffset RotatedAt { get; set; }
}
