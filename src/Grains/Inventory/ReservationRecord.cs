namespace GrainMarket.Inventory;

/// <summary>
/// A reservation, kept in its product's state (<see cref="ProductStockState.Reservations"/>, keyed by reservation id):
/// reserved, or resolved and kept a while (<see cref="ProductStockState.ResolvedReservationsKept"/>), so that a repeated
/// resolution answers as the first did. A reservation id missing from the state is one that does not exist (or one
/// resolved long ago and forgotten).
/// </summary>
[GenerateSerializer, Alias("gm.inventory.ReservationRecord")]
public sealed class ReservationRecord
{
    [Id(0)]
    public long Quantity { get; set; }

    [Id(1)]
    public ReservationStatus Status { get; set; }

    /// <summary>Numbers the product's resolved reservations in the order they resolved (<see cref="ProductStockState.ResolvedReservations"/>); 0 while reserved.</summary>
    [Id(2)]
    public long ResolvedOrder { get; set; }
}
