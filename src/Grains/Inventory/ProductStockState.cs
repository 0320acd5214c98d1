namespace GrainMarket.Inventory;

/// <summary>
/// A product's units and its reservations, mutable only inside a transaction's private copy; see
/// <see cref="StockLevels"/> for the invariant. <see cref="Reserved"/> is the sum of the reservations still
/// <see cref="ReservationStatus.Reserved"/>, so those are always kept; every store writes this whole state, so of the
/// resolved ones only the <see cref="ResolvedReservationsKept"/> most recently resolved are.
/// </summary>
[GenerateSerializer, Alias("gm.inventory.ProductStockState")]
public sealed class ProductStockState
{
    /// <summary>How many resolved reservations the state keeps, the most recently resolved, to answer repeats with their first outcome.</summary>
    public const int ResolvedReservationsKept = 256;

    /// <summary>False until the product's first units were received: such a grain has no product behind it.</summary>
    [Id(0)]
    public bool Initialized { get; set; }

    /// <summary>Whether new reservations are taken: only while the product is active.</summary>
    [Id(1)]
    public bool Purchasable { get; set; }

    [Id(2)]
    public long Available { get; set; }

    [Id(3)]
    public long Reserved { get; set; }

    [Id(4)]
    public long Sold { get; set; }

    [Id(5)]
    public long WrittenOff { get; set; }

    [Id(6)]
    public long Received { get; set; }

    /// <summary>Every pending reservation, and the <see cref="ResolvedReservationsKept"/> most recently resolved ones, by reservation id.</summary>
    [Id(7)]
    public Dictionary<string, ReservationRecord> Reservations { get; set; } = [];

    /// <summary>How many reservations this product has resolved, ever; numbers each one's <see cref="ReservationRecord.ResolvedOrder"/>.</summary>
    [Id(8)]
    public long ResolvedReservations { get; set; }

    public StockLevels Levels() => new(Available, Reserved, Sold, WrittenOff, Received);

    /// <summary>Marks <paramref name="reservation"/> resolved as <paramref name="outcome"/> and forgets the earliest resolved beyond <see cref="ResolvedReservationsKept"/>.</summary>
    public void MarkResolved(ReservationRecord reservation, ReservationStatus outcome)
    {
        ArgumentNullException.ThrowIfNull(reservation);
        reservation.Status = outcome;
        reservation.ResolvedOrder = ++ResolvedReservations;
        var resolved = Reservations.Count(r => r.Value.Status != ReservationStatus.Reserved);
        if (resolved > ResolvedReservationsKept)
        {
            foreach (var reservationId in Reservations.Where(r => r.Value.Status != ReservationStatus.Reserved).OrderBy(r => r.Value.ResolvedOrder).Take(resolved - ResolvedReservationsKept).Select(r => r.Key).ToList())
            {
                Reservations.Remove(reservationId);
            }
        }
    }
}
