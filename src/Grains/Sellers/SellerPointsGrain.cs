namespace GrainMarket.Sellers;

/// <summary>
/// A seller's points in transactional state, so that a penalty commits with the return decision that imposes it.
/// A penalty's entry id is kept with it, so a repeat of one still in the history changes nothing; the return that
/// imposes it applies it once anyway, as its own state moves on in the same transaction.
/// </summary>
[GrainType("seller-points")]
public sealed class SellerPointsGrain(
    [TransactionalState("points")] ITransactionalState<SellerPointsState> points,
    TimeProvider timeProvider) : Grain, ISellerPointsGrain
{
    Task<SellerPointsView> ISellerPointsGrain.PenalizeAsync(string entryId, long penalty, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entryId);
        ArgumentOutOfRangeException.ThrowIfNegative(penalty);
        var now = timeProvider.GetUtcNow();
        return points.PerformUpdate(s =>
        {
            if (!s.History.Exists(e => e.Id == entryId))
            {
                s.Points = checked(s.Points - penalty);
                s.History.Add(new PointsEntry(entryId, -penalty, reason, now));
                if (s.History.Count > SellerPointsState.HistoryKept)
                {
                    s.History.RemoveRange(0, s.History.Count - SellerPointsState.HistoryKept);
                }
            }

            return View(s);
        });
    }

    Task<SellerPointsView> ISellerPointsGrain.GetAsync() => points.PerformRead(View);

    private SellerPointsView View(SellerPointsState s) => new(this.GetPrimaryKey(), s.Points, [.. Enumerable.Reverse(s.History)]);
}
