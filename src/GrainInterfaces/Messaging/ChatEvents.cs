namespace GrainMarket.Messaging;

/// <summary>
/// The per-user chat stream: rows of <c>chat_events</c> (a sequence per user), notified on <see cref="Channel"/> with
/// <c>&lt;user id&gt;:&lt;last sequence&gt;</c> by the commit that wrote them. Typing is not stored: a gateway notifies
/// <c>&lt;user id&gt;:0:typing,&lt;conversation id&gt;,&lt;from user id&gt;</c> on the same channel.
/// </summary>
public static class ChatEvents
{
    public const string Channel = "gm_chat";

    /// <summary>A message in one of the user's conversations (their own included, for their other devices).</summary>
    public const string Message = "message";

    /// <summary>A participant read up to a sequence (a read receipt for the peer, an unread count for the reader).</summary>
    public const string Read = "read";

    /// <summary>The peer is typing (not stored, not numbered).</summary>
    public const string Typing = "typing";
}
