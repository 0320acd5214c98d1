using GrainMarket.Persistence.PostgreSql;
using NpgsqlTypes;

namespace GrainMarket.Messaging;

/// <summary>Keeps the user's rows of <c>user_blocks</c> equal to their block list (the whole list, as a persistent state has no previous one).</summary>
public sealed class BlockListProjection : IStateProjection<BlockListState>
{
    private const string DeleteOthers = "DELETE FROM user_blocks WHERE user_id = $1 AND blocked_id <> ALL($2)";

    private const string Insert = """
        INSERT INTO user_blocks (user_id, blocked_id, at) SELECT $1, * FROM unnest($2::uuid[], $3::timestamptz[])
        ON CONFLICT (user_id, blocked_id) DO NOTHING
        """;

    public void Project(StateProjectionContext context, BlockListState? previous, BlockListState state, ProjectionCommands commands)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(commands);
        var userId = Guid.Parse(context.GrainKey);
        var ids = state.Blocked.Select(b => b.UserId).ToArray();
        commands.Add(DeleteOthers, userId, new Npgsql.NpgsqlParameter { Value = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        commands.Add(
            Insert,
            userId,
            new Npgsql.NpgsqlParameter { Value = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid },
            new Npgsql.NpgsqlParameter { Value = state.Blocked.Select(b => b.At).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
    }
}
