namespace GrainMarket.Catalog;

public sealed class CategoryRecord
{
    public string Name { get; set; } = "";

    public Guid? ParentId { get; set; }
}
