namespace GrainMarket.Catalog;

/// <summary>What a seller lists: <see cref="Price"/> in minor units, <see cref="Stock"/> the units received at listing.</summary>
public sealed record NewProduct(Guid SellerId, string Title, string Description, Guid CategoryId, long Price, long Stock, IReadOnlyList<string> Images);
