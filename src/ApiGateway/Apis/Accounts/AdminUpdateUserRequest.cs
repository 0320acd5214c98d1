namespace GrainMarket.ApiGateway.Apis.Accounts;

public sealed record AdminUpdateUserRequest(IReadOnlyList<string>? Roles = null, bool? Blocked = null);
