namespace GrainMarket.Delivery;

/// <summary>A courier's claimed, undelivered orders (at most <see cref="ICourierGrain.MaxActive"/>) and their area.</summary>
[GenerateSerializer, Alias("gm.delivery.CourierState")]
public sealed class CourierState
{
    [Id(0)]
    public List<Guid> Active { get; set; } = [];

    [Id(1)]
    public CourierArea? Area { get; set; }
}
