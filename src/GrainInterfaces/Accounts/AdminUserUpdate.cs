namespace GrainMarket.Accounts;

/// <summary>An admin's change to an account: null leaves a field as it is.</summary>
public sealed record AdminUserUpdate(IReadOnlyList<string>? Roles, bool? Blocked);
