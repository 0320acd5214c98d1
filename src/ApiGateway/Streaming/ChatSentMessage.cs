using System.Text.Json.Serialization;

namespace GrainMarket.ApiGateway.Streaming;

/// <summary>A <c>send</c> was taken: the message's sequence in its conversation (its event follows on the stream).</summary>
public sealed record ChatSentMessage(Guid ConversationId, string ClientId, long Sequence)
{
    [JsonPropertyOrder(-1)]
    public string Type => "sent";
}
