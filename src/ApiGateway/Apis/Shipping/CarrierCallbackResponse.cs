namespace GrainMarket.ApiGateway.Apis.Shipping;

/// <summary>What a callback did: whether its status moves orders (<see cref="Applied"/>) and the order's status after it.</summary>
public sealed record CarrierCallbackResponse(bool Applied, string? OrderStatus);
