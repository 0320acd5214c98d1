using System.Text.Json.Serialization;

namespace GrainMarket.ApiGateway.Streaming;

/// <summary>
/// The first message of <c>GET /ws/notifications</c>: the sequence of the caller's newest notification event when the
/// socket opened and how many notifications are unread in the inbox.
/// </summary>
public sealed record NotificationStateMessage(long Sequence, int Unread)
{
    [JsonPropertyOrder(-1)]
    public string Type => "state";
}
