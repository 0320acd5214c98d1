namespace GrainMarket.ApiGateway.Http;

/// <summary>
/// The characters no text field accepts (issue #24, item 12): U+0000–U+001F and U+007F, and lone surrogates (half a
/// character, which PostgreSQL cannot store). Fields whose text may span lines keep tab, line feed and carriage return;
/// every other field (names, titles, e-mail addresses, passwords, ids, query parameters) is single-line.
/// </summary>
public static class ControlCharacters
{
    /// <summary>Body fields whose text may span lines, by JSON property name.</summary>
    private static readonly HashSet<string> MultiLineFields = new(StringComparer.OrdinalIgnoreCase) { "description", "reason", "message", "body", "text", "comment", "note" };

    /// <summary>Whether the field named <paramref name="property"/> may hold tab, line feed and carriage return.</summary>
    public static bool IsMultiLine(string? property) => property is not null && MultiLineFields.Contains(property);

    /// <summary>True when <paramref name="value"/> holds a refused character (see <see cref="ControlCharacters"/>).</summary>
    public static bool AreIn(ReadOnlySpan<char> value, bool multiLine)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c) || c == '\u007F' || (c < ' ' && !(multiLine && c is '\t' or '\n' or '\r')))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The 400 naming <paramref name="field"/> and the rule <c>control-characters</c>.</summary>
    public static Common.DomainError Refusal(string field, bool multiLine) => new(
        Common.ErrorCodes.ControlCharacters,
        multiLine
            ? $"{field}: control-characters — must not hold control characters (U+0000–U+001F other than tab, line feed and carriage return, U+007F) or lone surrogates."
            : $"{field}: control-characters — must not hold control characters (U+0000–U+001F, U+007F) or lone surrogates.",
        field);
}
