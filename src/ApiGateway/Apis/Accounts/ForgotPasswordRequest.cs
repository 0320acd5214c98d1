namespace GrainMarket.ApiGateway.Apis.Accounts;

public sealed record ForgotPasswordRequest(string? Email);
