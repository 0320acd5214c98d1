namespace GrainMarket.Inventory;

/// <summary>Where a stock reservation stands; it resolves exactly once.</summary>
[GenerateSerializer, Alias("gm.inventory.ReservationStatus")]
public enum ReservationStatus
{
    Reserved,

    /// <summary>The reserved units were sold.</summary>
    Committed,

    /// <summary>The reserved units went back to available.</summary>
    Released,
}
