using NpgsqlTypes;

namespace GrainMarket.Complaints;

/// <summary>Keeps the <c>complaints</c> read model (the parties' lists and the admins' queue) in step with each complaint, in the commit of its state.</summary>
public sealed class ComplaintProjection : IStateProjection<ComplaintState>
{
    private const string UpsertSql = """
        INSERT INTO complaints (id, complainant_id, other_party_id, subject, subject_id, status, conversation_id, responded, created_at, updated_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
        ON CONFLICT (id) DO UPDATE SET status = excluded.status, conversation_id = excluded.conversation_id, responded = excluded.responded,
            updated_at = excluded.updated_at
        """;

    public void Project(StateProjectionContext context, ComplaintState? previous, ComplaintState state, ProjectionCommands commands)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(commands);
        if (state.Status is null)
        {
            return;
        }

        commands.Add(
            UpsertSql,
            Guid.Parse(context.GrainKey),
            state.ComplainantId,
            state.OtherPartyId,
            state.Subject,
            state.SubjectId,
            state.Status,
            ProjectionCommands.Typed(state.ConversationId, NpgsqlDbType.Uuid),
            state.Response is not null,
            state.CreatedAt,
            state.UpdatedAt);
    }
}
