using GrainMarket.Common;

namespace GrainMarket.Orders;

/// <summary>
/// A buyer's server-side cart (key: the buyer's user id): product ids and quantities only, so prices always come from
/// the catalog. Its state is transactional, so that a checkout empties it in the same transaction that places the order.
/// </summary>
[Alias("gm.cart")]
public interface ICartGrain : IGrainWithGuidKey
{
    /// <summary>The cart with current titles, prices and availability.</summary>
    [Alias("get")]
    Task<CartView> GetAsync();

    /// <summary>Sets a line's quantity (0 removes it); more than is available fails with insufficient-stock naming the available count.</summary>
    [Alias("setQuantity")]
    Task<Result<CartView>> SetQuantityAsync(Guid productId, int quantity);

    [Alias("clear")]
    Task<CartView> ClearAsync();

    /// <summary>The lines to check out, read inside the checkout's transaction.</summary>
    [Transaction(TransactionOption.Join)]
    [Alias("getLines")]
    Task<IReadOnlyList<CartLine>> GetLinesAsync();

    /// <summary>Empties the cart inside the checkout's transaction.</summary>
    [Transaction(TransactionOption.Join)]
    [Alias("empty")]
    Task EmptyAsync();
}
