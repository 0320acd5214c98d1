namespace GrainMarket.ApiGateway.Apis.Accounts;

public sealed record LoginRequest(string? Email, string? Password);
