namespace GrainMarket.Catalog;

/// <summary>A category with its sub-categories, as the tree endpoint shows it.</summary>
public sealed record CategoryNode(Guid Id, string Name, IReadOnlyList<CategoryNode> Children);
