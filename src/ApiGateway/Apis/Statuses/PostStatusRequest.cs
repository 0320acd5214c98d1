namespace GrainMarket.ApiGateway.Apis.Statuses;

/// <summary>A new status update: up to <c>IStatusesGrain.MaxLength</c> characters, not blank.</summary>
public sealed record PostStatusRequest(string? Text);
