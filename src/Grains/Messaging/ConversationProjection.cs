using GrainMarket.Persistence.PostgreSql;
using NpgsqlTypes;

namespace GrainMarket.Messaging;

/// <summary>
/// Keeps <c>conversations</c>, <c>conversation_members</c>, <c>chat_messages</c> and the participants'
/// <c>chat_events</c> in step with each conversation, in the commit of its state, and notifies <see cref="ChatEvents.Channel"/>.
/// A stream event takes the next sequence of its user's <c>chat_streams</c> row, whose lock (held to the commit) keeps
/// each user's sequences gapless and in commit order; the users' rows are taken in id order so that two conversations
/// of the same two users never wait on each other crosswise.
/// </summary>
public sealed class ConversationProjection : IStateProjection<ConversationState>
{
    private const string UpsertConversation = """
        INSERT INTO conversations (id, user_a, user_b, product_id, order_id, complaint_id, last_sequence, last_message_at, created_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
        ON CONFLICT (id) DO UPDATE SET complaint_id = excluded.complaint_id, last_sequence = excluded.last_sequence, last_message_at = excluded.last_message_at
        """;

    private const string UpsertMember = """
        INSERT INTO conversation_members (user_id, conversation_id, peer_id, last_read) VALUES ($1, $2, $3, $4)
        ON CONFLICT (user_id, conversation_id) DO UPDATE SET last_read = excluded.last_read
        """;

    private const string InsertMessage = """
        INSERT INTO chat_messages (conversation_id, sequence, sender_id, client_id, text, at) VALUES ($1, $2, $3, $4, $5, $6)
        ON CONFLICT (conversation_id, sequence) DO NOTHING
        """;

    /// <summary>The next sequence of the user's stream, unless the event is already there (a state written again).</summary>
    private const string InsertEvent = """
        WITH next AS (
            INSERT INTO chat_streams AS s (user_id, last_sequence) VALUES ($1, 1)
            ON CONFLICT (user_id) DO UPDATE SET last_sequence = s.last_sequence + 1
            WHERE NOT EXISTS (SELECT 1 FROM chat_events e WHERE e.user_id = $1 AND e.event_key = $2)
            RETURNING last_sequence)
        INSERT INTO chat_events (user_id, sequence, event_key, type, data, at)
        SELECT $1, next.last_sequence, $2, $3, $4, $5 FROM next
        """;

    private const string Notify = $"""
        SELECT pg_notify('{ChatEvents.Channel}', user_id::text || ':' || last_sequence) FROM chat_streams WHERE user_id = ANY($1) ORDER BY user_id
        """;

    public void Project(StateProjectionContext context, ConversationState? previous, ConversationState state, ProjectionCommands commands)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(commands);
        if (!state.IsStarted)
        {
            return;
        }

        var id = Guid.Parse(context.GrainKey);
        commands.Add(UpsertConversation, id, state.UserA, state.UserB, state.ProductId, state.OrderId, state.ComplaintId, state.LastSequence, state.LastMessageAt, state.CreatedAt);
        commands.Add(UpsertMember, state.UserA, id, state.UserB, state.LastReadA);
        commands.Add(UpsertMember, state.UserB, id, state.UserA, state.LastReadB);
        foreach (var message in state.Pending.Select(e => e.Message).OfType<MessageView>().DistinctBy(m => m.Sequence))
        {
            commands.Add(InsertMessage, id, message.Sequence, message.SenderId, message.ClientId, message.Text, message.At);
        }

        foreach (var e in state.Pending.OrderBy(e => e.UserId))
        {
            commands.Add(InsertEvent, e.UserId, e.Key, e.Type, new Npgsql.NpgsqlParameter { Value = e.Data, NpgsqlDbType = NpgsqlDbType.Jsonb }, e.At);
        }

        if (state.Pending.Count > 0)
        {
            commands.Add(Notify, new Npgsql.NpgsqlParameter { Value = state.Pending.Select(e => e.UserId).Distinct().ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        }
    }
}
