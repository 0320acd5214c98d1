namespace GrainMarket.Inventory;

/// <summary>Mutable only inside a transaction's private copy; see <see cref="StockLevels"/> for the invariant.</summary>
public sealed class ProductStockState
{
    /// <summary>False until the product's first units were received: such a grain has no product behind it.</summary>
    public bool Initialized { get; set; }

    /// <summary>Whether new reservations are taken: only while the product is active.</summary>
    public bool Purchasable { get; set; }

    public long Available { get; set; }

    public long Reserved { get; set; }

    public long Sold { get; set; }

    public long WrittenOff { get; set; }

    public long Received { get; set; }

    /// <summary>
    /// How many resolved reservations the state remembers, so that a second resolution answers as the first did.
    /// Older ones are forgotten, or a product's state would grow with every unit it ever sold; their orders never ask
    /// again (an order answers a repeated step from its own status before it touches the stock).
    /// </summary>
    public const int RecentResolutions = 500;

    /// <summary>Every pending reservation by id, and the <see cref="RecentResolutions"/> most recently resolved.</summary>
    public Dictionary<string, ReservationRecord> Reservations { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Resolutions so far: orders the resolved reservations, so the oldest are forgotten first.</summary>
    public long Resolutions { get; set; }

    /// <summary>Drops the oldest resolved reservations beyond <see cref="RecentResolutions"/>, a fifth at a time so the scan is rare.</summary>
    public void ForgetOldResolutions()
    {
        var resolved = Reservations.Where(r => r.Value.Status != ReservationStatus.Reserved).ToList();
        if (resolved.Count > RecentResolutions + (RecentResolutions / 5))
        {
            foreach (var (id, _) in resolved.OrderBy(r => r.Value.ResolvedAt).Take(resolved.Count - RecentResolutions))
            {
                Reservations.Remove(id);
            }
        }
    }

    public StockLevels Levels() => new(Available, Reserved, Sold, WrittenOff, Received);
}
