using NpgsqlTypes;

namespace GrainMarket.Reviews;

/// <summary>Keeps the <c>reviews</c> read model (a product's review list) in step with each review, in the same PostgreSQL transaction as its commit.</summary>
public sealed class ReviewProjection : IStateProjection<ReviewState>
{
    private const string UpsertSql = """
        INSERT INTO reviews (id, order_id, product_id, seller_id, author_id, rating, text, helpful, hidden, hidden_reason, deleted, created_at, edited_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
        ON CONFLICT (id) DO UPDATE SET rating = excluded.rating, text = excluded.text, helpful = excluded.helpful, hidden = excluded.hidden,
            hidden_reason = excluded.hidden_reason, deleted = excluded.deleted, created_at = excluded.created_at, edited_at = excluded.edited_at
        """;

    public void Project(StateProjectionContext context, ReviewState? previous, ReviewState state, ProjectionCommands commands)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(commands);
        if (state.AuthorId == Guid.Empty)
        {
            return;
        }

        commands.Add(
            UpsertSql,
            context.GrainId.GetGuidKey(),
            state.OrderId,
            state.ProductId,
            state.SellerId,
            state.AuthorId,
            (short)state.Rating,
            state.Text,
            state.HelpfulVoters.Count,
            state.Hidden,
            ProjectionCommands.Typed(state.HiddenReason, NpgsqlDbType.Text),
            state.Deleted,
            state.CreatedAt,
            ProjectionCommands.Typed(state.EditedAt, NpgsqlDbType.TimestampTz));
    }
}
