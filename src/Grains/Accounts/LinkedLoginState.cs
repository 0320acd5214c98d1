namespace GrainMarket.Accounts;

/// <summary>An external identity linked to the account (its <see cref="ExternalLoginGrain"/> points back here).</summary>
[GenerateSerializer, Alias("gm.accounts.LinkedLoginState")]
public sealed class LinkedLoginState
{
    [Id(0)]
    public string Provider { get; set; } = "";

    [Id(1)]
    public string Subject { get; set; } = "";

    [Id(2)]
    public string? Email { get; set; }

    [Id(3)]
    public DateTimeOffset LinkedAt { get; set; }
}
