namespace GrainMarket.Sellers;

/// <summary>
/// A seller's points in transactional state, so that a penalty commits with the return decision that imposes it, and
/// an award with the order completion that earns it. An entry's id is kept with it, so a repeat of one still in the
/// history changes nothing; the step that changes the points applies it once anyway, as its own state moves on in the
/// same transaction. The rank is derived from the points on every read (<see cref="SellerPointsSettings.RankOf"/>).
/// </summary>
[GrainType("seller-points")]
public sealed class SellerPointsGrain(
    [TransactionalState("points")] ITransactionalState<SellerPointsState> points,
    SellerPointsSettings settings,
    TimeProvider timeProvider) : Grain, ISellerPointsGrain
{
    Task<SellerPointsView> ISellerPointsGrain.PenalizeAsync(string entryId, long penalty, string reason)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(penalty);
        return ChangeAsync(entryId, -penalty, reason);
    }

    Task<SellerPointsView> ISellerPointsGrain.AwardAsync(string entryId, long award, string reason)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(award);
        return ChangeAsync(entryId, award, reason);
    }

    Task<SellerPointsView> ISellerPointsGrain.GetAsync() => points.PerformRead(View);

    private Task<SellerPointsView> ChangeAsync(string entryId, long change, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entryId);
        var now = timeProvider.GetUtcNow();
        return points.PerformUpdate(s =>
        {
            if (!s.History.Exists(e => e.Id == entryId))
            {
                s.Points = checked(s.Points + change);
                s.History.Add(new PointsEntry(entryId, change, reason, now));
                if (s.History.Count > SellerPointsState.HistoryKept)
                {
                    s.History.RemoveRange(0, s.History.Count - SellerPointsState.HistoryKept);
                }
            }

            return View(s);
        });
    }

    private SellerPointsView View(SellerPointsState s)
    {
        var rank = settings.RankOf(s.Points);
        var next = settings.Above(rank);
        return new(this.GetPrimaryKey(), s.Points, [.. Enumerable.Reverse(s.History)], rank.Name, next?.Name, next is null ? null : next.MinPoints - s.Points);
    }
}
