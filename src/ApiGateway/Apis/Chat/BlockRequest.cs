namespace GrainMarket.ApiGateway.Apis.Chat;

/// <summary>The user to block.</summary>
public sealed record BlockRequest(Guid? UserId);
