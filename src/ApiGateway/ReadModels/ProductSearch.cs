using System.Globalization;
using System.Text;
using GrainMarket.ApiGateway.Apis.Catalog;
using GrainMarket.Catalog;
using Npgsql;
using NpgsqlTypes;

namespace GrainMarket.ApiGateway.ReadModels;

/// <summary>
/// Product search over the <c>products</c> read model: active products (admins: any one status), <c>q</c> as word prefixes (<see cref="SearchText"/>), a category
/// with all its sub-categories (recursive over <c>categories</c>), price and rating ranges, a seller, a brand; keyset pages in
/// one of <see cref="ProductSort"/>'s orders.
/// </summary>
public static class ProductSearch
{
    private const string Columns = """
        p.id, p.title, p.description, p.price, coalesce(s.available, 0), p.seller_id, p.category_id, p.images,
        p.rating_average, p.rating_count, p.status, p.created_at, p.weight_grams, p.brand_id, b.name
        """;

    public static async Task<ProductPage> RunAsync(NpgsqlDataSource dataSource, ProductQuery query, string currency, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(query);
        await using var command = dataSource.CreateCommand();
        var sql = new StringBuilder();
        var where = new List<string>();
        string Parameter(object value, NpgsqlDbType? type = null)
        {
            var parameter = type is { } t ? new NpgsqlParameter { NpgsqlDbType = t, Value = value } : new NpgsqlParameter { Value = value };
            command.Parameters.Add(parameter);
            return $"${command.Parameters.Count}";
        }

        where.Add($"p.status = {Parameter(query.Status)}");

        if (query.CategoryId is { } categoryId)
        {
            sql.Append(CultureInfo.InvariantCulture, $"""
                WITH RECURSIVE scope(id) AS (
                    SELECT {Parameter(categoryId, NpgsqlDbType.Uuid)}::uuid
                    UNION SELECT c.id FROM categories c JOIN scope ON c.parent_id = scope.id)

                """);
            where.Add("p.category_id IN (SELECT id FROM scope)");
        }

        if (query.Text is { } text)
        {
            where.Add($"p.search @@ to_tsquery('english', {Parameter(SearchText.PrefixQuery(text))})");
        }

        if (query.MinPrice is { } minPrice)
        {
            where.Add($"p.price >= {Parameter(minPrice)}");
        }

        if (query.MaxPrice is { } maxPrice)
        {
            where.Add($"p.price <= {Parameter(maxPrice)}");
        }

        if (query.MinRating is { } minRating)
        {
            where.Add($"p.rating_average >= {Parameter(minRating)}");
        }

        if (query.SellerId is { } sellerId)
        {
            where.Add($"p.seller_id = {Parameter(sellerId)}");
        }

        if (query.BrandId is { } brandId)
        {
            where.Add($"p.brand_id = {Parameter(brandId)}");
        }

        var (key, order, after) = query.Sort switch
        {
            ProductSort.Price => ("p.price", "p.price, p.id", ">"),
            ProductSort.PriceDescending => ("p.price", "p.price DESC, p.id DESC", "<"),
            ProductSort.Rating => ("p.rating_average", "p.rating_average DESC, p.id DESC", "<"),
            _ => ("p.created_at", "p.created_at DESC, p.id DESC", "<"),
        };
        if (query.After is { } cursor)
        {
            where.Add($"({key}, p.id) {after} ({Parameter(cursor.KeyValue()!)}, {Parameter(cursor.Id)})");
        }

        sql.Append(CultureInfo.InvariantCulture, $"""
            SELECT {Columns}
            FROM products p LEFT JOIN product_stock s ON s.product_id = p.id LEFT JOIN brands b ON b.id = p.brand_id
            WHERE {string.Join(" AND ", where)}
            ORDER BY {order}
            LIMIT {Parameter(query.Limit + 1)}
            """);
        command.CommandText = sql.ToString();

        var items = new List<ProductResponse>(query.Limit + 1);
        var keys = new List<string>(query.Limit + 1);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(new ProductResponse(
                    reader.GetGuid(0),
                    reader.GetString(1),
                    reader.GetString(2),
                    reader.GetInt64(3),
                    currency,
                    reader.GetInt64(4),
                    reader.GetGuid(5),
                    reader.GetGuid(6),
                    reader.GetFieldValue<string[]>(7),
                    new ProductRating(reader.GetDecimal(8), reader.GetInt32(9)),
                    reader.GetString(10),
                    null,
                    reader.GetFieldValue<DateTimeOffset>(11),
                    reader.GetInt32(12),
                    reader.IsDBNull(13) ? null : reader.GetGuid(13),
                    reader.IsDBNull(14) ? null : reader.GetString(14)));
                keys.Add(query.Sort switch
                {
                    ProductSort.Price or ProductSort.PriceDescending => reader.GetInt64(3).ToString(CultureInfo.InvariantCulture),
                    ProductSort.Rating => reader.GetDecimal(8).ToString(CultureInfo.InvariantCulture),
                    _ => reader.GetFieldValue<DateTimeOffset>(11).UtcTicks.ToString(CultureInfo.InvariantCulture),
                });
            }
        }

        if (items.Count <= query.Limit)
        {
            return new ProductPage(items, null);
        }

        var last = query.Limit - 1;
        return new ProductPage(items[..query.Limit], new SearchCursor(query.Sort, keys[last], items[last].Id).Encode());
    }
}
