namespace GrainMarket.Delivery;

/// <summary>A courier's active orders (claimed, not yet delivered, released or cancelled) and area (null until set).</summary>
[GenerateSerializer, Alias("gm.delivery.CourierView")]
public sealed record CourierView(
    [property: Id(0)] IReadOnlyList<Guid> Active,
    [property: Id(1)] CourierArea? Area);
