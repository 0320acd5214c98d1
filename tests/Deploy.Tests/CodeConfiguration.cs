using System.Text.RegularExpressions;

namespace GrainMarket.Deploy.Tests;

/// <summary>The <c>GRAINMARKET_*</c> configuration names the code reads: every such string literal in <c>src/**/*.cs</c>.</summary>
public static partial class CodeConfiguration
{
    public static IReadOnlySet<string> Names { get; } = Scan(RepositoryRoot.Combine("src"));

    private static HashSet<string> Scan(string folder)
    {
        var names = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => Literal().Matches(File.ReadAllText(file)).Select(match => match.Groups["name"].Value))
            .ToHashSet(StringComparer.Ordinal);

        // A scan that finds nothing would let every typo through.
        if (!names.Contains("GRAINMARKET_DB"))
        {
            throw new InvalidOperationException($"No \"GRAINMARKET_DB\" literal under {folder}: the scan is broken.");
        }

        return names;
    }

    [GeneratedRegex("\"(?<name>GRAINMARKET_[A-Z0-9_]+)\"")]
    private static partial Regex Literal();
}
