using GrainMarket.Runtime.Projections;
using Npgsql;
using NpgsqlTypes;

namespace GrainMarket.Orders;

/// <summary>Keeps the <c>orders</c> read model (buyer and seller lists) in step with each order, in the same commit.</summary>
public sealed class OrderProjection() : StateProjection<OrderState>("order", "order")
{
    private const string Upsert = """
        INSERT INTO orders (id, buyer_id, seller_ids, status, total, item_count, created_at, updated_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, now())
        ON CONFLICT (id) DO UPDATE SET status = excluded.status, updated_at = now()
        """;

    public override void Project(string grainKey, OrderState state, ProjectionCommands commands)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(commands);
        if (state.Status is null)
        {
            return;
        }

        commands.Add(
            Upsert,
            Guid.Parse(grainKey),
            state.BuyerId,
            new NpgsqlParameter { Value = state.Lines.Select(l => l.SellerId).Distinct().ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid },
            state.Status,
            state.Total,
            state.Lines.Sum(l => l.Quantity),
            state.CreatedAt);
    }
}
