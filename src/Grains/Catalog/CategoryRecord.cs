namespace GrainMarket.Catalog;

[GenerateSerializer, Alias("gm.catalog.CategoryRecord")]
public sealed class CategoryRecord
{
    [Id(0)]
    public string Name { get; set; } = "";

    [Id(1)]
    public Guid? ParentId { get; set; }
}
