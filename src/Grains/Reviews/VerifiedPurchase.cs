using GrainMarket.Common;
using GrainMarket.Orders;

namespace GrainMarket.Reviews;

/// <summary>
/// What a review or a seller's feedback must be: a valid rating of a verified purchase (the buyer's own order, delivered
/// or completed); and how it is written: once, in one transaction with its subject's rating tally.
/// </summary>
internal static class VerifiedPurchase
{
    /// <summary>
    /// The order when <paramref name="rating"/> is valid and <paramref name="buyerId"/> bought it and it was delivered (or
    /// completed); order-not-found when it is someone else's (who must not learn it exists), purchase-not-verified when it
    /// has not arrived or has no line that <paramref name="hasLine"/> accepts.
    /// </summary>
    public static async Task<Result<OrderView>> CheckAsync(IGrainFactory grains, Guid orderId, Guid buyerId, int rating, Func<OrderLine, bool> hasLine, string missing)
    {
        if (Ratings.Check(rating) is { } invalid)
        {
            return invalid;
        }

        var order = await grains.GetGrain<IOrderGrain>(orderId).GetAsync();
        if (order is null || order.BuyerId != buyerId)
        {
            return new DomainError(ErrorCodes.OrderNotFound, $"You have no order {orderId}.", "orderId");
        }

        if (order.Status is not (OrderStatuses.Delivered or OrderStatuses.Completed))
        {
            return new DomainError(ErrorCodes.PurchaseNotVerified, $"Order {orderId} is {order.Status}; it can be rated once delivered.");
        }

        return order.Items.Any(hasLine) ? order : new DomainError(ErrorCodes.PurchaseNotVerified, $"Order {orderId} {missing}.");
    }

    /// <summary>
    /// Writes a rated record once: <paramref name="exists"/> when <paramref name="written"/> finds it already there;
    /// otherwise <paramref name="write"/> and the tally's new rating of <paramref name="stars"/> commit together.
    /// </summary>
    public static async Task<Result<TView>> WriteOnceAsync<TState, TView>(
        this ITransactionClient transactions, ITransactionalState<TState> state, Func<TState, bool> written, DomainError exists, Func<TState, TView> write, IRatingTallyGrain tally, int stars)
        where TState : class, new()
    {
        var (view, refused) = (default(TView), false);
        await transactions.RunAsync(async () =>
        {
            (view, refused) = (default, false);
            if (await state.PerformRead(written))
            {
                refused = true;
                return false;
            }

            view = await state.PerformUpdate(write);
            await tally.ChangeAsync(0, stars);
            return true;
        });
        return refused ? new Result<TView>(default, exists) : new Result<TView>(view, null);
    }
}
