using GrainMarket.Common;

namespace GrainMarket.Orders;

/// <summary>
/// The order's live-tracking rows, added to its commit by <see cref="OrderProjection"/>: each history entry the commit
/// added becomes an <c>order_events</c> row (its 1-based place in the history is its sequence, its actor a role name, never
/// an id), and <c>order_parties</c> follows who is one of the order's parties (the buyer, each seller, the courier while assigned).
/// The commit notifies <see cref="OrderTracking.Channel"/>, which PostgreSQL delivers only if it commits.
/// </summary>
internal static class OrderTrackingProjection
{
    private const int PartiesPerNotification = 100;

    private static readonly ProjectionRows Events = new(
        """
        INSERT INTO order_events (order_id, sequence, kind, actor, status, at)
        SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::timestamptz[])
        ON CONFLICT (order_id, sequence) DO NOTHING
        """,
        typeof(Guid), typeof(long), typeof(string), typeof(string), typeof(string), typeof(DateTimeOffset));

    /// <summary>
    /// Whether each user is one of the order's parties now: a row per user who joined or left, the latest of a batch
    /// winning (a courier who claims and releases the order within one store ends up not watching it).
    /// </summary>
    private static readonly ProjectionRows Parties = new(
        """
        INSERT INTO order_parties (user_id, order_id, active)
        SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::boolean[])
        ON CONFLICT (user_id, order_id) DO UPDATE SET active = excluded.active
        """,
        typeof(Guid), typeof(Guid), typeof(bool))
    {
        KeyColumns = 2,
    };

    /// <summary>The commit's notifications, one statement for the whole batch (PostgreSQL delivers them in the order they were sent).</summary>
    private static readonly ProjectionRows Notify = new(
        $"SELECT pg_notify('{OrderTracking.Channel}', payload) FROM unnest($1::text[]) AS n(payload)",
        typeof(string));

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
        var before = previous?.Status is null ? [] : PartiesOf(previous);
        var now = PartiesOf(state);
        var joined = now.Except(before).ToList();
        foreach (var user in joined)
        {
            commands.Add(Parties, user, orderId, true);
        }

        foreach (var user in before.Except(now))
        {
            commands.Add(Parties, user, orderId, false);
        }

        // One notification per order and commit: the users who joined ride along (a cart's 50 sellers fit well within a
        // notification's 8,000 bytes; chunks keep it so whatever the count).
        foreach (var users in joined.Chunk(PartiesPerNotification))
        {
            commands.Add(Notify, $"{orderId:D}:{sequence}:{string.Join(',', users)}");
        }

        if (joined.Count == 0 && sequence > known)
        {
            commands.Add(Notify, $"{orderId:D}:{sequence}");
        }
    }

    private static HashSet<Guid> PartiesOf(OrderState state)
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
