using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace GrainMarket.ApiGateway.ReadModels;

/// <summary>
/// Keyset-pagination cursors of the newest-first lists: the creation time and id of a page's last item, opaque to
/// clients (base64url). A page asks for the rows after that key, so inserts never shift or repeat items.
/// </summary>
public static class PageCursor
{
    private const char Separator = '\u001f';

    public static string Encode(DateTimeOffset createdAt, Guid id) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Concat(createdAt.UtcTicks.ToString(CultureInfo.InvariantCulture), Separator.ToString(), id.ToString())));

    /// <summary>
    /// Decodes a cursor. A null cursor is valid and starts at the first page (both outputs null), as does a readable one
    /// whose parts are not a time and an id; false only when it is not base64url or longer than any cursor written.
    /// </summary>
    public static bool TryParse(string? cursor, out DateTimeOffset? createdAt, out Guid? id)
    {
        (createdAt, id) = (null, null);
        if (string.IsNullOrEmpty(cursor))
        {
            return true;
        }

        byte[] bytes;
        try
        {
            bytes = cursor.Length > 512 ? throw new FormatException() : Base64Url.DecodeFromChars(cursor);
        }
        catch (FormatException)
        {
            return false;
        }

        var parts = Encoding.UTF8.GetString(bytes).Split(Separator);
        if (parts.Length == 2 && long.TryParse(parts[0], CultureInfo.InvariantCulture, out var ticks) && Guid.TryParse(parts[1], out var parsed)
            && ticks >= DateTimeOffset.MinValue.UtcTicks && ticks <= DateTimeOffset.MaxValue.UtcTicks)
        {
            (createdAt, id) = (new DateTimeOffset(ticks, TimeSpan.Zero), parsed);
        }

        return true;
    }
}
