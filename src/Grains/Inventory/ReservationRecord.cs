using System.Text.Json.Serialization;

namespace GrainMarket.Inventory;

/// <summary>
/// A reservation, as a record of its own beside the product's stock (one row per reservation), kept once resolved so
/// that a repeated resolution answers as the first did. A new record (no quantity) is a reservation that does not exist.
/// </summary>
public sealed class ReservationRecord
{
    public long Quantity { get; set; }

    public ReservationStatus Status { get; set; }

    [JsonIgnore]
    public bool Exists => Quantity > 0;
}
