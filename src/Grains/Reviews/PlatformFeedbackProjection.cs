namespace GrainMarket.Reviews;

/// <summary>Writes a platform feedback into <c>platform_feedback</c> (the admins' list) with the grain's own write.</summary>
public sealed class PlatformFeedbackProjection : IStateProjection<PlatformFeedbackState>
{
    private const string InsertSql = """
        INSERT INTO platform_feedback (id, user_id, rating, text, created_at) VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (id) DO NOTHING
        """;

    public void Project(StateProjectionContext context, PlatformFeedbackState? previous, PlatformFeedbackState state, ProjectionCommands commands)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(commands);
        commands.Add(InsertSql, context.GrainId.GetGuidKey(), state.UserId, (short)state.Rating, state.Text, state.CreatedAt);
    }
}
