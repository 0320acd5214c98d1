using System.Text.Json.Serialization;

namespace GrainMarket.ApiGateway.Streaming;

/// <summary>The first message of <c>/ws/chat</c>: the sequence the stream stands at; what follows continues from it.</summary>
public sealed record ChatReadyMessage(long Sequence)
{
    [JsonPropertyOrder(-1)]
    public string Type => "ready";
}
