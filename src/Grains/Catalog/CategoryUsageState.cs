namespace GrainMarket.Catalog;

/// <summary>
/// How many live products each category holds. Kept apart from the tree so that listing a product does not rewrite
/// the <c>categories</c> read model.
/// </summary>
[GenerateSerializer, Alias("gm.catalog.CategoryUsageState")]
public sealed class CategoryUsageState
{
    [Id(0)]
    public Dictionary<Guid, int> ProductCounts { get; set; } = [];
}
