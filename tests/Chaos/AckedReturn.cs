namespace GrainMarket.Chaos;

/// <summary>A return the client saw acknowledged, of one unit of an order, and the furthest step the client saw acknowledged for it.</summary>
internal sealed class AckedReturn(Guid id, AckedOrder order)
{
    public Guid Id { get; } = id;

    public AckedOrder Order { get; } = order;

    public string Status { get; set; } = "requested";

    public Lock Sync { get; } = new();
}
