namespace GrainMarket.ApiGateway.Apis.Accounts;

public sealed record UserListItem(Guid UserId, string Email, string DisplayName, IReadOnlyList<string> Roles, string ActiveRole, bool Blocked, DateTimeOffset CreatedAt);
