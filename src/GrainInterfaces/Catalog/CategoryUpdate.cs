namespace GrainMarket.Catalog;

/// <summary>A change of a category: a new name (null keeps it) and, when <see cref="MoveParent"/>, a new parent (null: make it a root).</summary>
[GenerateSerializer, Immutable, Alias("gm.catalog.CategoryUpdate")]
public sealed record CategoryUpdate(
    [property: Id(0)] string? Name,
    [property: Id(1)] bool MoveParent,
    [property: Id(2)] Guid? ParentId);
