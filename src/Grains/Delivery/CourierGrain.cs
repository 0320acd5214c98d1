namespace GrainMarket.Delivery;

/// <summary>
/// One courier's slots and area, in one transactional state. Its order grains take and free the slots inside their
/// own transactions; the courier calls no other grain.
/// </summary>
/// <remarks>
/// Reentrant: each method is a single <c>PerformRead</c> or <c>PerformUpdate</c> whose function runs without an
/// <c>await</c> on the transaction's own copy, so the transactional locks, not the turn, order concurrent claims.
/// </remarks>
[Reentrant]
[GrainType("courier")]
public sealed class CourierGrain(
    [TransactionalState("courier")] ITransactionalState<CourierState> courier) : Grain, ICourierGrain
{
    Task<bool> ICourierGrain.TakeAsync(Guid orderId) =>
        courier.PerformUpdate(s =>
        {
            if (s.Active.Contains(orderId))
            {
                return true;
            }

            if (s.Active.Count >= ICourierGrain.MaxActive)
            {
                return false;
            }

            s.Active.Add(orderId);
            return true;
        });

    Task ICourierGrain.FreeAsync(Guid orderId) => courier.PerformUpdate(s => s.Active.Remove(orderId));

    Task<CourierView> ICourierGrain.GetAsync() => courier.PerformRead(View);

    Task<CourierView> ICourierGrain.SetAreaAsync(CourierArea area)
    {
        ArgumentNullException.ThrowIfNull(area);
        return courier.PerformUpdate(s =>
        {
            s.Area = area;
            return View(s);
        });
    }

    private static CourierView View(CourierState s) => new([.. s.Active], s.Area);
}
