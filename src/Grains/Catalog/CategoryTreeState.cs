namespace GrainMarket.Catalog;

public sealed class CategoryTreeState
{
    public Dictionary<Guid, CategoryRecord> Categories { get; set; } = [];
}
