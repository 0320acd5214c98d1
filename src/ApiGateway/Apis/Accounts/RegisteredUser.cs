namespace GrainMarket.ApiGateway.Apis.Accounts;

public sealed record RegisteredUser(Guid UserId, string Email, IReadOnlyList<string> Roles, string ActiveRole);
