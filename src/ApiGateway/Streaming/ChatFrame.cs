namespace GrainMarket.ApiGateway.Streaming;

/// <summary>
/// A message from a <c>/ws/chat</c> client: <c>{"type":"send","conversationId","clientId","text"}</c>,
/// <c>{"type":"typing","conversationId"}</c> or <c>{"type":"read","conversationId","sequence"}</c>.
/// </summary>
public sealed record ChatFrame(string? Type, Guid? ConversationId, string? ClientId, string? Text, long? Sequence);
