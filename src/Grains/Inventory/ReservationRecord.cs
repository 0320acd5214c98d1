namespace GrainMarket.Inventory;

public sealed class ReservationRecord
{
    public long Quantity { get; set; }

    public ReservationStatus Status { get; set; }

    /// <summary>The state's <see cref="ProductStockState.Resolutions"/> count when this reservation resolved (0 while reserved).</summary>
    public long ResolvedAt { get; set; }
}
