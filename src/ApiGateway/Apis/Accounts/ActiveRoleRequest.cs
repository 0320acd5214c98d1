namespace GrainMarket.ApiGateway.Apis.Accounts;

public sealed record ActiveRoleRequest(string? Role);
