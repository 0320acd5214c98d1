using GrainMarket.Common;

namespace GrainMarket.Inventory;

/// <summary>
/// The units of one product (key: the product id), in transactional state so that a checkout reserves the units of
/// every line, holds the buyer's money and creates the order in one transaction. Every method joins the caller's
/// transaction or, called outside one, runs in its own. Reservations are idempotent by id: a retried reserve does not
/// reserve twice, and a second resolution returns the first outcome. Projected to the <c>product_stock</c> read model.
/// </summary>
[Alias("gm.product-stock")]
public interface IProductStockGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Receives the product's first <paramref name="quantity"/> units, open to reservations when
    /// <paramref name="purchasable"/>; a second call changes nothing and returns the levels.
    /// </summary>
    [Transaction(TransactionOption.CreateOrJoin)]
    [Alias("initialize")]
    Task<StockLevels> InitializeAsync(long quantity, bool purchasable);

    /// <summary>
    /// Opens or closes the product to new reservations (approved; archived or rejected), so that a checkout's transaction
    /// cannot reserve units of a product that is not for sale. Reservations already made still resolve.
    /// </summary>
    [Transaction(TransactionOption.CreateOrJoin)]
    [Alias("setPurchasable")]
    Task SetPurchasableAsync(bool purchasable);

    [Transaction(TransactionOption.CreateOrJoin)]
    [Alias("get")]
    Task<StockLevels> GetAsync();

    /// <summary>
    /// Moves <paramref name="quantity"/> units from available to reserved under <paramref name="reservationId"/>;
    /// insufficient-stock (figure <c>available</c>) when fewer are available, product-unavailable when the product is not
    /// for sale (pending, archived, rejected), product-not-found for a product never stocked.
    /// Retrying an id already used returns that reservation unchanged. <paramref name="neverUsed"/>: the caller knows the id
    /// was never used (it derives from a state this same transaction creates, as an order's does), so it is not looked up
    /// first; should it exist after all, the commit is refused and the next attempt looks it up.
    /// </summary>
    [Transaction(TransactionOption.CreateOrJoin)]
    [Alias("reserve")]
    Task<Result<StockReservation>> ReserveAsync(string reservationId, long quantity, bool neverUsed = false);

    /// <summary>Reserved → sold. A reservation already resolved is returned as it stands (Committed or Released).</summary>
    [Transaction(TransactionOption.CreateOrJoin)]
    [Alias("commitReservation")]
    Task<Result<StockReservation>> CommitReservationAsync(string reservationId);

    /// <summary>Reserved → available. A reservation already resolved is returned as it stands (Committed or Released).</summary>
    [Transaction(TransactionOption.CreateOrJoin)]
    [Alias("releaseReservation")]
    Task<Result<StockReservation>> ReleaseReservationAsync(string reservationId);

    /// <summary>
    /// Takes back returned units, in a return's transaction: <paramref name="resellable"/> go to available and
    /// <paramref name="writtenOff"/> are written off. With <paramref name="reservationId"/> (an order not yet settled) they
    /// come out of that pending reservation, which keeps the rest to be sold or released; without one they come out of
    /// sold. A broken invariant (fewer units reserved or sold) is <c>insufficient-stock</c>.
    /// </summary>
    [Transaction(TransactionOption.Join)]
    [Alias("takeBack")]
    Task<Result<StockLevels>> TakeBackAsync(string? reservationId, long resellable, long writtenOff);

    /// <summary>Restocks (<paramref name="delta"/> &gt; 0) or writes off (&lt; 0) units; a write-off larger than available fails with stock-below-reserved.</summary>
    [Transaction(TransactionOption.CreateOrJoin)]
    [Alias("adjust")]
    Task<Result<StockLevels>> AdjustAsync(long delta);
}
