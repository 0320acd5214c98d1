namespace GrainMarket.ApiGateway.Apis.Accounts;

public sealed record RegisterRequest(string? Email, string? Password, string? DisplayName, IReadOnlyList<string>? Roles = null);
