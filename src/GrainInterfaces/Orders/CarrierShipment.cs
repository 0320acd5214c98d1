namespace GrainMarket.Orders;

/// <summary>A seller's parcel handed to a platform carrier: the carrier's name, its tracking number (waybill) and the label to print.</summary>
[GenerateSerializer, Immutable, Alias("gm.orders.CarrierShipment")]
public sealed record CarrierShipment(
    [property: Id(0)] string Carrier,
    [property: Id(1)] string TrackingNumber,
    [property: Id(2)] string? LabelUrl);
