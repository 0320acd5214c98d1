using GrainMarket.Catalog;

namespace GrainMarket.Promotions;

/// <summary>
/// A product's unit price now: its list price less the best (largest) cut among its seller's active discount and the
/// active sale events covering it or its category. Cuts never stack; the price never goes below 0.
/// </summary>
public static class UnitPrices
{
    /// <summary>The cut off <paramref name="product"/>'s list price at <paramref name="now"/> (0: none applies).</summary>
    public static long CutOf(ProductInfo product, IEnumerable<SaleEventView> events, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(product);
        ArgumentNullException.ThrowIfNull(events);
        var best = product.Discount is { } own && own.IsActiveAt(now) ? own.Cut.CutOff(product.Price) : 0;
        foreach (var sale in events.Where(e => e.IsActiveAt(now) && e.Covers(product.Id, product.CategoryId)))
        {
            best = Math.Max(best, sale.Cut.CutOff(product.Price));
        }

        return best;
    }

    /// <summary>The unit price a checkout charges for <paramref name="product"/> at <paramref name="now"/>.</summary>
    public static long Of(ProductInfo product, IEnumerable<SaleEventView> events, DateTimeOffset now) =>
        product.Price - CutOf(product, events, now);
}
