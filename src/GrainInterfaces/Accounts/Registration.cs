namespace GrainMarket.Accounts;

/// <summary>A new account: validated by the gateway, the password still in clear (it is hashed by the user grain).</summary>
[GenerateSerializer, Alias("gm.accounts.Registration")]
public sealed record Registration(
    [property: Id(0)] string Email,
    [property: Id(1)] string Password,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] IReadOnlyList<string> Roles);
