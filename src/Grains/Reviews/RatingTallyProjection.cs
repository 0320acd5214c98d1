namespace GrainMarket.Reviews;

/// <summary>
/// Writes a tally where search and lists read it, in the same PostgreSQL transaction as its commit: a product's into
/// <c>products.rating_total/rating_count</c> (whose generated average search filters and sorts on), a seller's into
/// <c>seller_scores</c>.
/// </summary>
public sealed class RatingTallyProjection : IStateProjection<RatingTallyState>
{
    private const string ProductSql = "UPDATE products SET rating_total = $2, rating_count = $3 WHERE id = $1";

    private const string SellerSql = """
        INSERT INTO seller_scores (seller_id, rating_total, rating_count) VALUES ($1, $2, $3)
        ON CONFLICT (seller_id) DO UPDATE SET rating_total = excluded.rating_total, rating_count = excluded.rating_count
        """;

    public void Project(StateProjectionContext context, RatingTallyState? previous, RatingTallyState state, ProjectionCommands commands)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(commands);
        var key = context.GrainKey;
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var subject = Guid.ParseExact(key[(slash + 1)..], "N");
        var sql = key[..(slash + 1)] switch
        {
            ReviewIds.ProductTallyPrefix => ProductSql,
            ReviewIds.SellerTallyPrefix => SellerSql,
            _ => throw new InvalidOperationException($"A rating tally has the key '{key}', which names no product or seller."),
        };
        commands.Add(sql, subject, state.Total, state.Count);
    }
}
