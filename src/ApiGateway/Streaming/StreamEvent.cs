using System.Buffers;
using System.Text.Json;

namespace GrainMarket.ApiGateway.Streaming;

/// <summary>
/// An event of a live stream (an auction's, an order's) as watchers receive it: <see cref="Message"/> is the whole WebSocket message
/// (<c>{"type","sequence","data","at"}</c>, UTF-8), serialized once however many watchers it goes to.
/// </summary>
public sealed record StreamEvent(long Sequence, ReadOnlyMemory<byte> Message)
{
    /// <summary>The message of an events table's row; <paramref name="data"/> is its jsonb text, passed through as it is.</summary>
    public static StreamEvent From(long sequence, string type, string data, DateTimeOffset at)
    {
        var buffer = new ArrayBufferWriter<byte>(data.Length + 128);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", type);
            json.WriteNumber("sequence", sequence);
            json.WritePropertyName("data");
            json.WriteRawValue(data);
            json.WriteString("at", at);
            json.WriteEndObject();
        }

        return new StreamEvent(sequence, buffer.WrittenMemory);
    }
}
