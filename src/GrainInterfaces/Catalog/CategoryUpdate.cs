namespace GrainMarket.Catalog;

/// <summary>A change of a category: a new name (null keeps it) and, when <see cref="MoveParent"/>, a new parent (null: make it a root).</summary>
public sealed record CategoryUpdate(string? Name, bool MoveParent, Guid? ParentId);
