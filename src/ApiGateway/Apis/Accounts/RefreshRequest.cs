namespace GrainMarket.ApiGateway.Apis.Accounts;

/// <summary>The refresh token; may be omitted when it travels in the <c>__Host-gm_refresh</c> cookie.</summary>
public sealed record RefreshRequest(string? RefreshToken);
