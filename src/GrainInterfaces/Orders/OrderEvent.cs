namespace GrainMarket.Orders;

/// <summary>A status the order entered, when, and by whom (<see cref="Guid.Empty"/>: the system).</summary>
public sealed record OrderEvent(string Status, Guid ActorId, DateTimeOffset At);
