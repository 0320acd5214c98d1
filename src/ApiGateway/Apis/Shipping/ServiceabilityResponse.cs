namespace GrainMarket.ApiGateway.Apis.Shipping;

/// <summary>Whether the marketplace ships to an address, the zone that serves it and its estimated days in transit (when the zone says).</summary>
public sealed record ServiceabilityResponse(bool Serviceable, Guid? ZoneId, string? Zone, int? EstimatedDays);
