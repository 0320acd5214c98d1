namespace GrainMarket.Messaging;

/// <summary>
/// An event of one user's chat stream that a command adds: <see cref="Key"/> names it within its conversation (so a
/// state written twice adds it once), <see cref="Data"/> is its JSON. <see cref="Message"/> is the message it carries,
/// if it is a new one (then the projection also adds it to the history).
/// </summary>
public sealed record PendingChatEvent(Guid UserId, string Key, string Type, string Data, DateTimeOffset At, MessageView? Message);
