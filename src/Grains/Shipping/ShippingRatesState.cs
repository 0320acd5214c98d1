namespace GrainMarket.Shipping;

[GenerateSerializer, Alias("gm.shipping.ShippingRatesState")]
public sealed class ShippingRatesState
{
    [Id(0)]
    public List<ShippingZone> Zones { get; set; } = [];
}
