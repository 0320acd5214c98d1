using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace GrainMarket.ApiGateway.ReadModels;

/// <summary>
/// Where a page of a search ended: the sort it belongs to, the last item's sort key (invariant text) and its id.
/// Opaque to clients: base64url of JSON.
/// </summary>
public sealed record SearchCursor(ProductSort Sort, string Key, Guid Id)
{
    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this));

    /// <summary>The cursor, or null when <paramref name="text"/> is not one this search wrote (tampered, truncated).</summary>
    public static SearchCursor? Decode(string text)
    {
        try
        {
            var cursor = JsonSerializer.Deserialize<SearchCursor>(Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)));
            return cursor is { Key: not null } && cursor.KeyValue() is not null ? cursor : null;
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            return null;
        }
    }

    /// <summary>The sort key as the database compares it: price (bigint), rating (numeric) or creation time; null when malformed.</summary>
    public object? KeyValue() => Sort switch
    {
        ProductSort.Price or ProductSort.PriceDescending => long.TryParse(Key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var price) ? price : null,
        ProductSort.Rating => decimal.TryParse(Key, NumberStyles.Number, CultureInfo.InvariantCulture, out var rating) ? rating : null,
        _ => long.TryParse(Key, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTimeOffset.MaxValue.UtcTicks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null,
    };
}
