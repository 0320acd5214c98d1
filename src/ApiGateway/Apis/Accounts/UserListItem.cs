namespace GrainMarket.ApiGateway.Apis.Accounts;

public sealed record UserListItem(Guid Id, string Email, string DisplayName, IReadOnlyList<string> Roles, string ActiveRole, bool Blocked, DateTimeOffset CreatedAt);
