namespace GrainMarket.ApiGateway.Apis.Payments;

/// <summary>A webhook's acknowledgement: how many of its events GrainMarket uses (0 for a type it ignores).</summary>
public sealed record WebhookResponse(bool Received, int Applied);
