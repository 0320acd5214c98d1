namespace GrainMarket.Orders;

/// <summary>A status the order entered, when, and by whom (<see cref="Guid.Empty"/>: the system).</summary>
[GenerateSerializer, Immutable, Alias("gm.orders.OrderEvent")]
public sealed record OrderEvent(
    [property: Id(0)] string Status,
    [property: Id(1)] Guid ActorId,
    [property: Id(2)] DateTimeOffset At);
