namespace GrainMarket.Orders;

/// <summary>Who asks for an order step: a user (admins may do what the parties may), or the system (the completion reminder).</summary>
[GenerateSerializer, Immutable, Alias("gm.orders.Actor")]
public sealed record Actor([property: Id(0)] Guid UserId, [property: Id(1)] bool IsAdmin)
{
    public static Actor System { get; } = new(Guid.Empty, IsAdmin: true);
}
