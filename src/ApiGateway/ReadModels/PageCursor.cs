using System.Text;

namespace GrainMarket.ApiGateway.ReadModels;

/// <summary>
/// Keyset-pagination cursors: the sort key of the last item of a page (e.g. its time and id), opaque to clients
/// (base64url of the parts). A page asks for the rows after that key, so inserts never shift or repeat items.
/// </summary>
public static class PageCursor
{
    private const char Separator = '\u001f';

    public static string Encode(params string[] parts) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Join(Separator, parts))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Decodes a cursor; a null cursor is valid and has no parts (the first page).</summary>
    public static bool TryParse(string? cursor, out string[] parts)
    {
        parts = [];
        if (string.IsNullOrEmpty(cursor))
        {
            return true;
        }

        var base64 = cursor.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        var bytes = new byte[base64.Length];
        if (cursor.Length > 512 || !Convert.TryFromBase64String(base64, bytes, out var written))
        {
            return false;
        }

        parts = Encoding.UTF8.GetString(bytes, 0, written).Split(Separator);
        return true;
    }
}
