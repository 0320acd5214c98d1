using GrainMarket.Accounts;

namespace GrainMarket.ApiGateway.Apis.Accounts;

public sealed record UpdateProfileRequest(string? DisplayName, string? Phone, Location? Location, string? AvatarUrl);
