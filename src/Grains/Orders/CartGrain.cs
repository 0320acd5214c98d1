using GrainMarket.Catalog;
using GrainMarket.Common;
using GrainMarket.Inventory;
using GrainMarket.Promotions;

namespace GrainMarket.Orders;

// Reentrant because a checkout's transaction, which holds the cart's lock, calls GetLinesAsync and EmptyAsync: a
// SetQuantityAsync or ClearAsync waiting in its own turn for that lock must not keep them out (both would wait for the
// lock to time out). Invariant across every await: the lines live only in the transactional state and are read and
// changed only inside transactions, whose locks (not the turn) order concurrent requests; the grain keeps no fields,
// and the catalog and stock checks before a change are advisory (the stock is reserved at checkout).
[Reentrant]
[GrainType("cart")]
public sealed class CartGrain([TransactionalState("cart")] ITransactionalState<CartState> cart, ITransactionClient transactions, TimeProvider timeProvider) : Grain, ICartGrain
{
    /// <summary>Different products in one cart: keeps an order's total and its payouts (one per seller) bounded.</summary>
    public const int MaxLines = 50;

    async Task<CartView> ICartGrain.GetAsync() => await ViewAsync(await ReadLinesAsync());

    async Task<Result<CartView>> ICartGrain.SetQuantityAsync(Guid productId, int quantity)
    {
        if (quantity > 0)
        {
            var product = await GrainFactory.GetGrain<IProductGrain>(productId).GetAsync();
            if (product is null)
            {
                return new DomainError(ErrorCodes.ProductNotFound, $"Product {productId} does not exist.", "productId");
            }

            if (product.Status != ProductStatus.Active)
            {
                return new DomainError(ErrorCodes.ProductUnavailable, $"Product {productId} is not for sale ({product.Status}).", "productId");
            }

            var stock = await GrainFactory.GetGrain<IProductStockGrain>(productId).GetAsync();
            if (quantity > stock.Available)
            {
                return new DomainError(ErrorCodes.InsufficientStock, $"Only {stock.Available} of product {productId} are available.", "quantity", new Dictionary<string, long> { ["available"] = stock.Available });
            }
        }

        var lines = new List<CartLine>();
        var full = false;
        await transactions.RunAsync(() => cart.PerformUpdate(s =>
        {
            var index = s.Lines.FindIndex(l => l.ProductId == productId);
            full = index < 0 && quantity > 0 && s.Lines.Count >= MaxLines;
            if (full)
            {
                return;
            }

            if (quantity == 0 && index >= 0)
            {
                s.Lines.RemoveAt(index);
            }
            else if (quantity > 0 && index >= 0)
            {
                s.Lines[index] = new CartLine(productId, quantity);
            }
            else if (quantity > 0)
            {
                s.Lines.Add(new CartLine(productId, quantity));
            }

            lines = [.. s.Lines];
        }));
        return full
            ? DomainError.Invalid("productId", $"a cart holds at most {MaxLines} different products")
            : await ViewAsync(lines);
    }

    async Task<CartView> ICartGrain.ClearAsync()
    {
        await transactions.RunAsync(() => cart.PerformUpdate(s => s.Lines.Clear()));
        return new CartView([], 0);
    }

    Task<IReadOnlyList<CartLine>> ICartGrain.GetLinesAsync() => cart.PerformRead<IReadOnlyList<CartLine>>(s => [.. s.Lines]);

    Task ICartGrain.EmptyAsync() => cart.PerformUpdate(s => s.Lines.Clear());

    private async Task<List<CartLine>> ReadLinesAsync()
    {
        var lines = new List<CartLine>();
        await transactions.RunAsync(async () => lines = await cart.PerformRead(s => s.Lines.ToList()));
        return lines;
    }

    /// <summary>
    /// The lines at today's unit prices (after the seller's discount or a running sale event, as a checkout charges them;
    /// a coupon shows only in a quote); a product no longer for sale shows with nothing available.
    /// </summary>
    private async Task<CartView> ViewAsync(List<CartLine> lines)
    {
        var now = timeProvider.GetUtcNow();
        var sales = lines.Count == 0 ? [] : await GrainFactory.GetGrain<ISaleEventsGrain>(ISaleEventsGrain.Key).ListAsync(now);
        var items = await Task.WhenAll(lines.Select(async line =>
        {
            var product = await GrainFactory.GetGrain<IProductGrain>(line.ProductId).GetAsync();
            var available = product?.Status == ProductStatus.Active ? (await GrainFactory.GetGrain<IProductStockGrain>(line.ProductId).GetAsync()).Available : 0;
            var price = product is null ? 0 : UnitPrices.Of(product, sales, now);
            return new CartItem(line.ProductId, product?.Title ?? "(no longer listed)", price, line.Quantity, price * line.Quantity, available, product?.Price ?? 0);
        }));
        return new CartView(items, items.Sum(i => i.LineTotal));
    }
}
