namespace GrainMarket.Catalog;

/// <summary>One category: its name and its parent (null for a root).</summary>
[GenerateSerializer, Immutable, Alias("gm.catalog.CategoryView")]
public sealed record CategoryView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Name,
    [property: Id(2)] Guid? ParentId);
