namespace GrainMarket.ApiGateway.Apis.Shipping;

/// <summary>A seller's shipment: with <see cref="Carrier"/>, the platform carrier of that name books the parcel; without, the seller ships it themselves.</summary>
public sealed record ShipRequest(string? Carrier);
