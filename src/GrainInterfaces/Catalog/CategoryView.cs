namespace GrainMarket.Catalog;

/// <summary>One category: its name and its parent (null for a root).</summary>
public sealed record CategoryView(Guid Id, string Name, Guid? ParentId);
