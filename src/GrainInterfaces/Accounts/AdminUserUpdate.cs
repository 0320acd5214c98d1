namespace GrainMarket.Accounts;

/// <summary>An admin's change to an account: null leaves a field as it is.</summary>
[GenerateSerializer, Alias("gm.accounts.AdminUserUpdate")]
public sealed record AdminUserUpdate([property: Id(0)] IReadOnlyList<string>? Roles, [property: Id(1)] bool? Blocked);
