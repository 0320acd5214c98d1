namespace GrainMarket.Delivery;

/// <summary>
/// A courier (key: the courier's user id): the orders they have claimed and not yet delivered, released or seen
/// cancelled — at most <see cref="MaxActive"/> — and the area they work in. The order grain owns every claim: it adds
/// and frees the courier's slot inside its own transaction, so the courier never calls an order.
/// </summary>
[Alias("gm.courier")]
public interface ICourierGrain : IGrainWithGuidKey
{
    /// <summary>How many orders a courier may hold at once.</summary>
    public const int MaxActive = 5;

    /// <summary>Takes a slot for <paramref name="orderId"/>: true if taken now or held already, false when every slot is taken.</summary>
    [Transaction(TransactionOption.Join)]
    [Alias("take")]
    Task<bool> TakeAsync(Guid orderId);

    /// <summary>Frees the slot of <paramref name="orderId"/>, if the courier holds one for it.</summary>
    [Transaction(TransactionOption.Join)]
    [Alias("free")]
    Task FreeAsync(Guid orderId);

    /// <summary>The courier's active orders and area.</summary>
    [ReadOnly]
    [Transaction(TransactionOption.CreateOrJoin)]
    [Alias("get")]
    Task<CourierView> GetAsync();

    /// <summary>Sets where the courier works and where they are now.</summary>
    [Transaction(TransactionOption.CreateOrJoin)]
    [Alias("setArea")]
    Task<CourierView> SetAreaAsync(CourierArea area);
}
