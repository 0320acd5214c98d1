namespace GrainMarket.ApiGateway.Apis.Accounts;

public sealed record CreateUserRequest(string? Email, string? Password, string? DisplayName, IReadOnlyList<string>? Roles = null);
