using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace GrainMarket.Deploy.Tests;

/// <summary>docker-compose.yml read with YamlDotNet (merge keys and anchors resolved), as plain maps and lists.</summary>
public sealed class ComposeFile
{
    private ComposeFile(IReadOnlyDictionary<string, object?> root) => Root = root;

    public IReadOnlyDictionary<string, object?> Root { get; }

    public IReadOnlyDictionary<string, ComposeService> Services =>
        Map(Root["services"]).ToDictionary(pair => pair.Key, pair => new ComposeService(pair.Key, Map(pair.Value)));

    public static ComposeFile Load(string path)
    {
        using var reader = new StreamReader(path);
        var parser = new MergingParser(new Parser(reader));
        var root = new DeserializerBuilder().Build().Deserialize<Dictionary<object, object?>>(parser);
        return new ComposeFile(Map(root));
    }

    /// <summary>A YAML mapping as a dictionary with string keys (YamlDotNet gives <c>object</c> keys).</summary>
    public static Dictionary<string, object?> Map(object? node) =>
        node is Dictionary<object, object?> map
            ? map.ToDictionary(pair => (string)pair.Key, pair => pair.Value, StringComparer.Ordinal)
            : throw new InvalidOperationException($"Expected a mapping, found {node?.GetType().Name ?? "nothing"}.");

    /// <summary>A YAML sequence of scalars.</summary>
    public static IReadOnlyList<string> List(object? node) =>
        node is List<object?> list ? [.. list.Select(item => item as string ?? throw new InvalidOperationException($"Expected a scalar, found {item}."))]
            : throw new InvalidOperationException($"Expected a sequence, found {node?.GetType().Name ?? "nothing"}.");
}
