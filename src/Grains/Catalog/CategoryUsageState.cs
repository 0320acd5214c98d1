namespace GrainMarket.Catalog;

/// <summary>
/// How many live products each category holds. Kept apart from the tree so that listing a product does not rewrite
/// the <c>categories</c> read model.
/// </summary>
public sealed class CategoryUsageState
{
    public Dictionary<Guid, int> ProductCounts { get; set; } = [];
}
