using GrainMarket.Common;

namespace GrainMarket.Orders;

/// <summary>
/// The order's live-tracking rows, added to its commit by <see cref="OrderProjection"/>: each history entry the commit
/// added becomes an <c>order_events</c> row (its 1-based place in the history is its sequence, its actor a role name, never
/// an id), and <c>order_parties</c> follows who may watch the order (the buyer, each seller, the courier while assigned).
/// The commit notifies <see cref="OrderTracking.Channel"/>, which PostgreSQL delivers only if it commits.
/// </summary>
internal static class OrderTrackingProjection
{
    private static readonly ProjectionRows Events = new(
        """
        INSERT INTO order_events (order_id, sequence, kind, actor, status, at)
        SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::timestamptz[])
        ON CONFLICT (order_id, sequence) DO NOTHING
        """,
        typeof(Guid), typeof(long), typeof(string), typeof(string), typeof(string), typeof(DateTimeOffset));

    /// <summary>Joining and leaving are statements (not rows, which go after them) so that they apply in the order they happened.</summary>
    private const string Joined = "INSERT INTO order_parties (user_id, order_id) VALUES ($1, $2) ON CONFLICT (user_id, order_id) DO NOTHING";

    private const string Left = "DELETE FROM order_parties WHERE user_id = $1 AND order_id = $2";

    private const string Notify = "SELECT pg_notify($1, $2)";

    /// <summary>Adds the rows for what one transaction changed, from <paramref name="previous"/> to the placed <paramref name="state"/>.</summary>
    public static void Project(Guid orderId, OrderState? previous, OrderState state, ProjectionCommands commands)
    {
        var known = previous?.Status is null ? 0 : previous.History.Count;
        for (var i = known; i < state.History.Count; i++)
        {
            var e = state.History[i];
            commands.Add(Events, orderId, (long)(i + 1), e.Status, RoleOf(e.ActorId, previous, state), state.Status!, e.At);
        }

        var sequence = state.History.Count;
        var before = previous?.Status is null ? [] : Parties(previous);
        foreach (var user in Parties(state).Except(before))
        {
            commands.Add(Joined, user, orderId);
            commands.Add(Notify, OrderTracking.Channel, $"{orderId:D}:{sequence}:{user:D}");
        }

        foreach (var user in before.Except(Parties(state)))
        {
            commands.Add(Left, user, orderId);
        }

        if (sequence > known)
        {
            commands.Add(Notify, OrderTracking.Channel, $"{orderId:D}:{sequence}");
        }
    }

    private static HashSet<Guid> Parties(OrderState state)
    {
        var parties = new HashSet<Guid> { state.BuyerId };
        parties.UnionWith(state.Lines.Select(l => l.SellerId));
        if (state.CourierId is { } courier)
        {
            parties.Add(courier);
        }

        return parties;
    }

    /// <summary>Who acted, as a role: a courier released from the order in the same transaction was still its courier.</summary>
    private static string RoleOf(Guid actor, OrderState? previous, OrderState state) =>
        actor == Guid.Empty ? OrderTracking.System
        : actor == state.BuyerId ? Roles.Buyer
        : state.Lines.Any(l => l.SellerId == actor) ? Roles.Seller
        : actor == state.CourierId || actor == previous?.CourierId ? Roles.Courier
        : Roles.Admin;
}
