using GrainMarket.Catalog;
using GrainMarket.Common;
using GrainMarket.Promotions;
using GrainMarket.Shipping;

namespace GrainMarket.Orders;

/// <summary>
/// How a checkout and its quote price the same lines: the listings and their unit prices now (the best of the seller's
/// discount and the running sale events), the order lines they make, and the shipping quote. Neither the catalog nor
/// the sale events nor the rate table is transactional state: they are read outside the checkout's transaction, and
/// <c>expectedTotal</c> guards a price that changes meanwhile.
/// </summary>
public static class CheckoutPricing
{
    /// <summary>
    /// The listings of <paramref name="requested"/> (the command's lines, or its buyer's cart) and their unit prices at
    /// <paramref name="now"/>; cart-empty, product-not-found, product-unavailable or cannot-buy-own-product otherwise.
    /// </summary>
    public static async Task<Result<PricedCatalog>> ReadAsync(IGrainFactory grains, PlaceOrder command, IReadOnlyList<CartLine> requested, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(requested);
        if (requested.Count == 0)
        {
            return new DomainError(ErrorCodes.CartEmpty, "There is nothing to check out.", command.Lines is null ? null : "items");
        }

        var buyerId = command.BuyerId;
        var productIds = requested.Select(l => l.ProductId).Distinct().ToList();
        var products = await Task.WhenAll(productIds.Select(id => grains.GetGrain<IProductGrain>(id).GetAsync()));
        var listings = new Dictionary<Guid, ProductInfo>();
        for (var i = 0; i < productIds.Count; i++)
        {
            var (productId, product) = (productIds[i], products[i]);
            if (product is null || product.Status != ProductStatus.Active)
            {
                return product is null
                    ? new DomainError(ErrorCodes.ProductNotFound, $"Product {productId} does not exist.", "productId")
                    : new DomainError(ErrorCodes.ProductUnavailable, $"Product {productId} is not for sale ({product.Status}).", "productId");
            }

            if (product.SellerId == buyerId)
            {
                return new DomainError(ErrorCodes.CannotBuyOwnProduct, $"Product {productId} is your own listing.", "productId");
            }

            listings[productId] = product;
        }

        var sales = await grains.GetGrain<ISaleEventsGrain>(ISaleEventsGrain.Key).ListAsync(now);
        return new PricedCatalog(listings, listings.ToDictionary(l => l.Key, l => UnitPrices.Of(l.Value, sales, now)));
    }

    /// <summary>The shipping quote of these units to <paramref name="address"/>, as GET /api/shipping/quote gives it (lines at list price).</summary>
    public static Task<ShippingQuote> ShippingAsync(IGrainFactory grains, ShippingAddress address, IReadOnlyDictionary<Guid, int> parcel, PricedCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(parcel);
        ArgumentNullException.ThrowIfNull(catalog);
        return grains.GetGrain<IShippingRatesGrain>(IShippingRatesGrain.Key)
            .QuoteAsync(ShippingDestination.Of(address), [.. parcel.Select(p => new ParcelLine(catalog.Listings[p.Key].Price, p.Value, catalog.Listings[p.Key].WeightGrams))]);
    }

    /// <summary>The units of each product the lines buy.</summary>
    public static Dictionary<Guid, int> Parcel(IEnumerable<CartLine> lines) =>
        lines.GroupBy(l => l.ProductId).ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity));

    /// <summary>One order line per product, at its unit price now, before any coupon.</summary>
    public static List<OrderLine> Lines(IEnumerable<CartLine> lines, PricedCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return [.. lines.GroupBy(l => l.ProductId).Select(g =>
        {
            var listing = catalog.Listings[g.Key];
            return new OrderLine(g.Key, listing.SellerId, listing.Title, catalog.Prices[g.Key], g.Sum(l => l.Quantity), listing.Price);
        })];
    }

    /// <summary>What a coupon is asked about: the order, its buyer and each seller's goods after line discounts.</summary>
    public static CouponRedemption Redemption(Guid orderId, Guid buyerId, IEnumerable<OrderLine> lines) =>
        new(orderId, buyerId, lines.GroupBy(l => l.SellerId).ToDictionary(g => g.Key, g => g.Sum(l => checked(l.UnitPrice * l.Quantity))));
}
