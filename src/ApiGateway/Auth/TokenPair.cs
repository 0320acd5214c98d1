using GrainMarket.Accounts;

namespace GrainMarket.ApiGateway.Auth;

/// <summary>The answer to a login, refresh or role switch.</summary>
public sealed record TokenPair(string AccessToken, string RefreshToken, int ExpiresIn, UserView User);
