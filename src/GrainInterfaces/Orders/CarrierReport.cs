namespace GrainMarket.Orders;

/// <summary>
/// A carrier's status report on a seller's parcel: <see cref="EventId"/> is the carrier's own id of the event (a repeat
/// of it changes nothing); <see cref="Status"/> is out-for-delivery or delivered.
/// </summary>
[GenerateSerializer, Immutable, Alias("gm.orders.CarrierReport")]
public sealed record CarrierReport(
    [property: Id(0)] string Carrier,
    [property: Id(1)] string EventId,
    [property: Id(2)] Guid SellerId,
    [property: Id(3)] string TrackingNumber,
    [property: Id(4)] string Status);
