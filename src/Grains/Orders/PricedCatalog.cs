using GrainMarket.Catalog;

namespace GrainMarket.Orders;

/// <summary>The listings a checkout buys from and each one's unit price now, read outside its transaction.</summary>
public sealed record PricedCatalog(IReadOnlyDictionary<Guid, ProductInfo> Listings, IReadOnlyDictionary<Guid, long> Prices);
