namespace GrainMarket.Accounts;

[GenerateSerializer, Alias("gm.accounts.UsernameState")]
public sealed class UsernameState
{
    /// <summary>The account holding the username; empty when it is free.</summary>
    [Id(0)]
    public Guid UserId { get; set; }
}
