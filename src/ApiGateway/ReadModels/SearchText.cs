using System.Text.RegularExpressions;

namespace GrainMarket.ApiGateway.ReadModels;

/// <summary>
/// What a search box's words mean: every word, as the start of a word of the title or description (<c>ric</c> finds
/// "rice", <c>rice bas</c> finds "basmati rice"). The read models' <c>search</c> columns are english <c>tsvector</c>s; the
/// query is the words as prefixes, all required, for <c>to_tsquery('english', …)</c>. Only letters and digits reach it,
/// so nothing a user types is read as query syntax.
/// </summary>
internal static partial class SearchText
{
    /// <summary>Words beyond these are ignored (a search box is not a document).</summary>
    public const int MaxWords = 16;

    /// <summary>The <c>tsquery</c> text for <paramref name="text"/>; empty (matching nothing) when it has no word.</summary>
    public static string PrefixQuery(string text) =>
        string.Join(" & ", Word().Matches(text).Select(word => word.Value.ToLowerInvariant()).Distinct().Take(MaxWords).Select(word => word + ":*"));

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}
