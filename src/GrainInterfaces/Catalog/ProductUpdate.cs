namespace GrainMarket.Catalog;

/// <summary>A change of a product's listing; null members keep their value.</summary>
public sealed record ProductUpdate(string? Title, string? Description, Guid? CategoryId, long? Price, IReadOnlyList<string>? Images);
