namespace GrainMarket.ApiGateway.Apis.Accounts;

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);
