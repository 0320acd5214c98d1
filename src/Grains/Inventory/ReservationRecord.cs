namespace GrainMarket.Inventory;

public sealed class ReservationRecord
{
    public long Quantity { get; set; }

    public ReservationStatus Status { get; set; }
}
