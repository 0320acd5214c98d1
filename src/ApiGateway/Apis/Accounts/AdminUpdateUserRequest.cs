namespace GrainMarket.ApiGateway.Apis.Accounts;

public sealed record AdminUpdateUserRequest(IReadOnlyList<string>? Roles, bool? Blocked);
