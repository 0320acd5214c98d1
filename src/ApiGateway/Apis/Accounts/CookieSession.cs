using GrainMarket.Accounts;

namespace GrainMarket.ApiGateway.Apis.Accounts;

/// <summary>The body of a cookie login or refresh: the tokens themselves are in HTTP-only cookies.</summary>
public sealed record CookieSession(int ExpiresIn, UserView User);
