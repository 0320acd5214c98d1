using GrainMarket.ApiGateway.Http;
using GrainMarket.Common;

namespace GrainMarket.ApiGateway.Apis.Accounts;

/// <summary>Input rules of the account endpoints.</summary>
internal static class AccountRules
{
    public static DomainError? Roles(IReadOnlyList<string>? roles, bool selfRegistration)
    {
        if (roles is null)
        {
            return null;
        }

        if (roles.Count == 0)
        {
            return DomainError.Invalid("roles", "must name at least one role");
        }

        if (roles.Any(r => r is null))
        {
            return DomainError.Invalid("roles", "must not contain null");
        }

        if (roles.FirstOrDefault(r => !Common.Roles.IsKnown(r)) is { } unknown)
        {
            return DomainError.Invalid("roles", $"'{unknown}' is not a role (one of {string.Join(", ", Common.Roles.All)})");
        }

        return selfRegistration && roles.FirstOrDefault(r => !Common.Roles.SelfAssignable.Contains(r)) is { } privileged
            ? new DomainError(ErrorCodes.RoleNotSelfAssignable, $"The role '{privileged}' is given by an admin; register as {string.Join(", ", Common.Roles.SelfAssignable)}.", "roles")
            : null;
    }

    public static DomainError? NewAccount(string? email, string? password, string? displayName, IReadOnlyList<string>? roles, bool selfRegistration) =>
        Validation.First(
            Validation.Email(email),
            Validation.Password(password),
            Validation.Required(displayName, "displayName", 100),
            Roles(roles, selfRegistration));
}
