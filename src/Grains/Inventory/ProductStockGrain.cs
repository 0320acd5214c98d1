using GrainMarket.Common;

namespace GrainMarket.Inventory;

/// <summary>
/// Counts one product's units and keeps its reservations, in one transactional state. Every change runs on the
/// transaction's copy of the state, and expected refusals are returned, never thrown, so that a refusal does not abort
/// the caller's transaction by itself: the caller decides.
/// </summary>
/// <remarks>
/// Reentrant: each method is a single <c>PerformRead</c> or <c>PerformUpdate</c>, whose function runs without an
/// <c>await</c> on the transaction's own copy, so the counts move together and the transactional locks order the
/// transactions.
/// </remarks>
[Reentrant]
[GrainType("product-stock")]
public sealed class ProductStockGrain(
    [TransactionalState("stock")] ITransactionalState<ProductStockState> stock) : Grain, IProductStockGrain
{
    Task<StockLevels> IProductStockGrain.InitializeAsync(long quantity, bool purchasable)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(quantity);
        return stock.PerformUpdate(s =>
        {
            if (!s.Initialized)
            {
                s.Initialized = true;
                s.Purchasable = purchasable;
                s.Received = quantity;
                s.Available = quantity;
            }

            return s.Levels();
        });
    }

    Task IProductStockGrain.SetPurchasableAsync(bool purchasable) => stock.PerformUpdate(s => s.Purchasable = purchasable);

    Task<StockLevels> IProductStockGrain.GetAsync() => stock.PerformRead(s => s.Levels());

    Task<Result<StockReservation>> IProductStockGrain.ReserveAsync(string reservationId, long quantity, bool neverUsed)
    {
        if (string.IsNullOrWhiteSpace(reservationId))
        {
            return Task.FromResult<Result<StockReservation>>(DomainError.Invalid("reservationId", "is required"));
        }

        if (quantity <= 0)
        {
            return Task.FromResult<Result<StockReservation>>(DomainError.Invalid("quantity", "must be greater than zero"));
        }

        // neverUsed is only a hint: it spared a lookup when each reservation was a record of its own; they are in the state now.
        return stock.PerformUpdate<Result<StockReservation>>(s =>
        {
            if (s.Reservations.TryGetValue(reservationId, out var existing))
            {
                return View(reservationId, existing, s);
            }

            if (!s.Initialized)
            {
                return NotStocked();
            }

            if (!s.Purchasable)
            {
                return new DomainError(ErrorCodes.ProductUnavailable, "This product is not for sale (pending, archived or rejected).");
            }

            if (s.Available < quantity)
            {
                return new DomainError(
                    ErrorCodes.InsufficientStock,
                    $"Only {s.Available} units are available, {quantity} were asked for.",
                    "quantity",
                    new Dictionary<string, long> { ["available"] = s.Available, ["requested"] = quantity });
            }

            var reservation = new ReservationRecord { Quantity = quantity, Status = ReservationStatus.Reserved };
            s.Reservations[reservationId] = reservation;
            s.Available = checked(s.Available - quantity);
            s.Reserved = checked(s.Reserved + quantity);
            return View(reservationId, reservation, s);
        });
    }

    Task<Result<StockReservation>> IProductStockGrain.CommitReservationAsync(string reservationId) =>
        ResolveAsync(reservationId, ReservationStatus.Committed);

    Task<Result<StockReservation>> IProductStockGrain.ReleaseReservationAsync(string reservationId) =>
        ResolveAsync(reservationId, ReservationStatus.Released);

    Task<Result<StockLevels>> IProductStockGrain.AdjustAsync(long delta)
    {
        if (delta == 0)
        {
            return Task.FromResult<Result<StockLevels>>(DomainError.Invalid("delta", "must not be zero"));
        }

        return stock.PerformUpdate<Result<StockLevels>>(s =>
        {
            if (!s.Initialized)
            {
                return NotStocked();
            }

            if (delta > 0)
            {
                // Received counts every unit ever received (available, reserved, sold or written off are parts of it).
                if (delta > long.MaxValue - s.Received)
                {
                    return new DomainError(ErrorCodes.AmountTooLarge, $"Receiving {delta} more units would pass the largest stock a product can count.", "delta");
                }

                s.Received = checked(s.Received + delta);
                s.Available = checked(s.Available + delta);
                return s.Levels();
            }

            var writeOff = -delta;
            if (writeOff > s.Available)
            {
                return new DomainError(
                    ErrorCodes.StockBelowReserved,
                    $"Only {s.Available} units can be written off: {s.Reserved} more are reserved by orders.",
                    "delta",
                    new Dictionary<string, long> { ["available"] = s.Available, ["reserved"] = s.Reserved });
            }

            s.Available = checked(s.Available - writeOff);
            s.WrittenOff = checked(s.WrittenOff + writeOff);
            return s.Levels();
        });
    }

    Task<Result<StockLevels>> IProductStockGrain.TakeBackAsync(string? reservationId, long resellable, long writtenOff)
    {
        if (resellable < 0 || writtenOff < 0 || resellable + writtenOff == 0)
        {
            return Task.FromResult<Result<StockLevels>>(DomainError.Invalid("quantity", "must take back at least one unit, and no negative count"));
        }

        var units = resellable + writtenOff;
        return stock.PerformUpdate<Result<StockLevels>>(s =>
        {
            if (reservationId is null)
            {
                if (s.Sold < units)
                {
                    return new DomainError(ErrorCodes.InsufficientStock, $"Only {s.Sold} units were sold; {units} cannot come back.", "quantity");
                }

                s.Sold -= units;
            }
            else
            {
                if (!s.Reservations.TryGetValue(reservationId, out var reservation) || reservation.Status != ReservationStatus.Reserved || reservation.Quantity < units)
                {
                    return new DomainError(ErrorCodes.InsufficientStock, $"Reservation '{reservationId}' does not hold {units} reserved units.", "quantity");
                }

                reservation.Quantity -= units;
                s.Reserved -= units;
            }

            s.Available = checked(s.Available + resellable);
            s.WrittenOff = checked(s.WrittenOff + writtenOff);
            return s.Levels();
        });
    }

    private Task<Result<StockReservation>> ResolveAsync(string reservationId, ReservationStatus outcome) =>
        stock.PerformUpdate<Result<StockReservation>>(s =>
        {
            if (!s.Reservations.TryGetValue(reservationId, out var reservation))
            {
                return new DomainError(ErrorCodes.ReservationNotFound, $"There is no reservation '{reservationId}' of this product.", "reservationId");
            }

            if (reservation.Status == ReservationStatus.Reserved)
            {
                s.Reserved = checked(s.Reserved - reservation.Quantity);
                if (outcome == ReservationStatus.Committed)
                {
                    s.Sold = checked(s.Sold + reservation.Quantity);
                }
                else
                {
                    s.Available = checked(s.Available + reservation.Quantity);
                }

                s.MarkResolved(reservation, outcome);
            }

            return View(reservationId, reservation, s);
        });

    private static StockReservation View(string reservationId, ReservationRecord reservation, ProductStockState state) =>
        new(reservationId, reservation.Quantity, reservation.Status, state.Levels());

    private static DomainError NotStocked() => new(ErrorCodes.ProductNotFound, "This product has no stock: it was never listed.");
}
