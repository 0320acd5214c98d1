namespace GrainMarket.Accounts;

/// <summary>A new account: validated by the gateway, the password still in clear (it is hashed by the user grain).</summary>
public sealed record Registration(string Email, string Password, string DisplayName, IReadOnlyList<string> Roles);
