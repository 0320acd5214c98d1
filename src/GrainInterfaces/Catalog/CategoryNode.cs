namespace GrainMarket.Catalog;

/// <summary>A category with its sub-categories, as the tree endpoint shows it.</summary>
[GenerateSerializer, Alias("gm.catalog.CategoryNode")]
public sealed record CategoryNode(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Name,
    [property: Id(2)] IReadOnlyList<CategoryNode> Children);
