namespace GrainMarket.Statuses;

/// <summary>Keeps the author's rows of <c>statuses</c> equal to the grain's list: dropped statuses go, new ones are added (a status never changes once posted).</summary>
public sealed class StatusesProjection : IStateProjection<StatusesState>
{
    private const string DeleteSql = "DELETE FROM statuses WHERE user_id = $1 AND NOT (id = ANY($2))";

    private const string InsertSql = """
        INSERT INTO statuses (id, user_id, text, posted_at, expires_at) VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (id) DO NOTHING
        """;

    public void Project(StateProjectionContext context, StatusesState? previous, StatusesState state, ProjectionCommands commands)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(commands);
        var userId = Guid.Parse(context.GrainKey);
        commands.Add(DeleteSql, userId, state.Statuses.Select(s => s.Id).ToArray());
        foreach (var status in state.Statuses)
        {
            commands.Add(InsertSql, status.Id, userId, status.Text, status.PostedAt, status.ExpiresAt);
        }
    }
}
