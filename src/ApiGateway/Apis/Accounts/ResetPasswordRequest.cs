namespace GrainMarket.ApiGateway.Apis.Accounts;

public sealed record ResetPasswordRequest(string? Token, string? NewPassword);
