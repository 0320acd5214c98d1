using System.Text.Json.Serialization;

namespace GrainMarket.ApiGateway.Streaming;

/// <summary>The peer is typing in a conversation (not numbered, not stored).</summary>
public sealed record ChatTypingMessage(Guid ConversationId, Guid UserId)
{
    [JsonPropertyOrder(-1)]
    public string Type => "typing";
}
