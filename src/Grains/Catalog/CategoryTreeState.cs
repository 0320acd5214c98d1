namespace GrainMarket.Catalog;

[GenerateSerializer, Alias("gm.catalog.CategoryTreeState")]
public sealed class CategoryTreeState
{
    [Id(0)]
    public Dictionary<Guid, CategoryRecord> Categories { get; set; } = [];
}
