namespace GrainMarket.ApiGateway.Apis.Accounts;

public sealed record RegisteredUser(Guid Id, string Email, IReadOnlyList<string> Roles, string ActiveRole);
