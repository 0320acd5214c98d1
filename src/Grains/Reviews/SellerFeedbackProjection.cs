namespace GrainMarket.Reviews;

/// <summary>Writes a seller's feedback into <c>seller_feedback</c> (the seller's list), in the same PostgreSQL transaction as its commit.</summary>
public sealed class SellerFeedbackProjection : IStateProjection<SellerFeedbackState>
{
    private const string InsertSql = """
        INSERT INTO seller_feedback (id, order_id, seller_id, buyer_id, rating, text, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
        ON CONFLICT (id) DO NOTHING
        """;

    public void Project(StateProjectionContext context, SellerFeedbackState? previous, SellerFeedbackState state, ProjectionCommands commands)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(commands);
        if (state.BuyerId != Guid.Empty)
        {
            commands.Add(InsertSql, context.GrainId.GetGuidKey(), state.OrderId, state.SellerId, state.BuyerId, (short)state.Rating, state.Text, state.CreatedAt);
        }
    }
}
