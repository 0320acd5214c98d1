namespace GrainMarket.Delivery;

/// <summary>Who delivered an order, when, how (<see cref="DeliveryMethods"/>) and where the courier said they were.</summary>
[GenerateSerializer, Immutable, Alias("gm.delivery.DeliveryRecord")]
public sealed record DeliveryRecord(
    [property: Id(0)] Guid By,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Method,
    [property: Id(3)] double? Latitude,
    [property: Id(4)] double? Longitude);
