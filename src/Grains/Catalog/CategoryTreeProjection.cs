using Npgsql;
using NpgsqlTypes;

namespace GrainMarket.Catalog;

/// <summary>Keeps <c>categories</c> (id, parent, name) equal to the tree: rows of deleted categories go, the others are upserted.</summary>
public sealed class CategoryTreeProjection : IStateProjection<CategoryTreeState>
{
    private const string DeleteSql = "DELETE FROM categories WHERE NOT (id = ANY($1))";

    private const string UpsertSql = """
        INSERT INTO categories (id, parent_id, name)
        SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[])
        ON CONFLICT (id) DO UPDATE SET parent_id = excluded.parent_id, name = excluded.name
        """;

    public void Project(StateProjectionContext context, CategoryTreeState? previous, CategoryTreeState state, ProjectionCommands commands)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(commands);
        var ids = state.Categories.Keys.ToArray();
        var parents = ids.Select(id => state.Categories[id].ParentId is { } parent ? (object)parent : DBNull.Value).ToArray();
        var names = ids.Select(id => state.Categories[id].Name).ToArray();
        commands.Add(DeleteSql, ids);
        commands.Add(
            UpsertSql,
            ids,
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid, Value = parents },
            names);
    }
}
