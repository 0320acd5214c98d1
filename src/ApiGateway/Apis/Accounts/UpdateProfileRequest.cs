using GrainMarket.Accounts;

namespace GrainMarket.ApiGateway.Apis.Accounts;

public sealed record UpdateProfileRequest(string? DisplayName = null, string? Phone = null, Location? Location = null, string? AvatarUrl = null);
