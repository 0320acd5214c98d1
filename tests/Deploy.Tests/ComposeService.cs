namespace GrainMarket.Deploy.Tests;

/// <summary>One service of docker-compose.yml: its keys as YAML gave them, with the parts the tests read.</summary>
public sealed record ComposeService(string Name, IReadOnlyDictionary<string, object?> Keys)
{
    public string? Image => Keys.GetValueOrDefault("image") as string;

    public string? Dockerfile => Keys.GetValueOrDefault("build") is { } build ? ComposeFile.Map(build).GetValueOrDefault("dockerfile") as string : null;

    /// <summary>The environment, from either compose form (a map, or a list of NAME=value).</summary>
    public IReadOnlyDictionary<string, string> Environment => Keys.GetValueOrDefault("environment") switch
    {
        null => new Dictionary<string, string>(),
        List<object?> list => ComposeFile.List(list).Select(item => item.Split('=', 2)).ToDictionary(parts => parts[0], parts => parts.ElementAtOrDefault(1) ?? ""),
        var map => ComposeFile.Map(map).ToDictionary(pair => pair.Key, pair => pair.Value as string ?? ""),
    };

    /// <summary>The services this one depends on, from either compose form (a list, or a map of conditions).</summary>
    public IReadOnlyList<string> DependsOn => Keys.GetValueOrDefault("depends_on") switch
    {
        null => [],
        List<object?> list => ComposeFile.List(list),
        var map => [.. ComposeFile.Map(map).Keys],
    };

    /// <summary>Published ports in their short form (HOST:CONTAINER).</summary>
    public IReadOnlyList<string> Ports => Keys.GetValueOrDefault("ports") is { } ports ? ComposeFile.List(ports) : [];

    public IReadOnlyList<string> Volumes => Keys.GetValueOrDefault("volumes") is { } volumes ? ComposeFile.List(volumes) : [];
}
