namespace GrainMarket.Orders;

/// <summary>Who asks for an order step: a user (admins may do what the parties may), or the system (the completion reminder).</summary>
public sealed record Actor(Guid UserId, bool IsAdmin)
{
    public static Actor System { get; } = new(Guid.Empty, IsAdmin: true);
}
