using GrainMarket.Common;
using GrainMarket.Inventory;

namespace GrainMarket.Catalog;

/// <summary>
/// One product's listing, keyed by the product id: title, description, price, category, images, rating and status.
/// Its state is projected to the <c>products</c> read model (search) in the same commit. Its units are counted by the
/// <see cref="IProductStockGrain"/> of the same key, which checkout uses inside its transaction.
/// </summary>
[Alias("gm.product")]
public interface IProductGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Lists the product: checks the category, initializes the stock grain with <see cref="NewProduct.Stock"/>, then
    /// writes the product, <c>pending</c> when moderation is on and <c>active</c> otherwise; only active products' stock
    /// takes reservations. A repeated call returns the product.
    /// </summary>
    [Alias("create")]
    Task<Result<ProductInfo>> CreateAsync(NewProduct product);

    /// <summary>The listing, or null when no product has this id.</summary>
    [ReadOnly]
    [Alias("get")]
    Task<ProductInfo?> GetAsync();

    /// <summary>Changes the listing (owner or admin; forbidden otherwise); product-not-found once archived or rejected.</summary>
    [Alias("update")]
    Task<Result<ProductInfo>> UpdateAsync(Requester requester, ProductUpdate update);

    /// <summary>Restocks (+) or writes off (−) units through the stock grain (owner only); never below what is reserved.</summary>
    [Alias("adjustStock")]
    Task<Result<StockLevels>> AdjustStockAsync(Requester requester, long delta);

    /// <summary>Archives the product (owner or admin): hidden from search and no longer purchasable.</summary>
    [Alias("archive")]
    Task<Result<ProductInfo>> ArchiveAsync(Requester requester);

    /// <summary>Makes a pending product active (admin); product-not-pending otherwise.</summary>
    [Alias("approve")]
    Task<Result<ProductInfo>> ApproveAsync();

    /// <summary>Rejects a pending product (admin) with a reason the seller sees; product-not-pending otherwise.</summary>
    [Alias("reject")]
    Task<Result<ProductInfo>> RejectAsync(string reason);

    /// <summary>Sets (or with null removes) the seller's standalone discount (owner or admin); the list price stays.</summary>
    [Alias("setDiscount")]
    Task<Result<ProductInfo>> SetDiscountAsync(Requester requester, Promotions.ProductDiscount? discount);
}
