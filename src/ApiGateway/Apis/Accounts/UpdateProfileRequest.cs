using GrainMarket.Accounts;

namespace GrainMarket.ApiGateway.Apis.Accounts;

/// <summary>
/// A partial profile change: a field left out stays as it is. <see cref="Username"/> is the public handle others find the
/// account by (see <see cref="Usernames"/>); it is stored in lower case.
/// </summary>
public sealed record UpdateProfileRequest(string? DisplayName = null, string? Phone = null, Location? Location = null, string? AvatarUrl = null, string? Username = null);
