using Npgsql;
using NpgsqlTypes;

namespace GrainMarket.Catalog;

/// <summary>
/// Keeps the <c>products</c> search model in step with each written product; its tsvector and average are generated
/// columns. The rating columns start at the state's (zero) and are then the product's rating tally's alone
/// (<c>RatingTallyProjection</c>, written with every review), so a product's write never overwrites them.
/// </summary>
public sealed class ProductProjection : IStateProjection<ProductState>
{
    private const string UpsertSql = """
        INSERT INTO products (id, seller_id, category_id, title, description, price, images, status, rating_total, rating_count, created_at, weight_grams, brand_id)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
        ON CONFLICT (id) DO UPDATE SET
            category_id = excluded.category_id, title = excluded.title, description = excluded.description,
            price = excluded.price, images = excluded.images, status = excluded.status, weight_grams = excluded.weight_grams,
            brand_id = excluded.brand_id
        """;

    public void Project(StateProjectionContext context, ProductState? previous, ProductState state, ProjectionCommands commands)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(commands);
        commands.Add(
            UpsertSql,
            Guid.ParseExact(context.GrainKey, "N"),
            state.SellerId,
            state.CategoryId,
            state.Title,
            state.Description,
            state.Price,
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = state.Images.ToArray() },
            state.Status,
            state.RatingTotal,
            state.RatingCount,
            state.CreatedAt,
            state.WeightGrams > 0 ? state.WeightGrams : ProductWeights.DefaultGrams,
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Uuid, Value = state.BrandId is { } brandId ? brandId : DBNull.Value });
    }
}
