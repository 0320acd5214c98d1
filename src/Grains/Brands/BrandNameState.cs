namespace GrainMarket.Brands;

/// <summary>The brand holding a name (<see cref="Guid.Empty"/>: none).</summary>
[GenerateSerializer, Alias("gm.brands.BrandNameState")]
public sealed class BrandNameState
{
    [Id(0)]
    public Guid BrandId { get; set; }
}
