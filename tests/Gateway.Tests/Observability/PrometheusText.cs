using System.Globalization;

namespace GrainMarket.Gateway.Tests.Observability;

/// <summary>A scrape of <c>/metrics</c> in the Prometheus text format, read as a person would grep it.</summary>
public sealed class PrometheusText(string text)
{
    public string Text { get; } = text;

    /// <summary>The sample lines (not comments) of the metric <paramref name="name"/>, with or without labels.</summary>
    public IReadOnlyList<string> Samples(string name) =>
        [.. Text.Split('\n').Where(line => line.StartsWith(name + "{", StringComparison.Ordinal) || line.StartsWith(name + " ", StringComparison.Ordinal))];

    /// <summary>The sum of the samples of <paramref name="name"/> whose labels include <paramref name="label"/> (<c>key="value"</c>); 0 when there are none.</summary>
    public double Sum(string name, string label = "") =>
        Samples(name).Where(line => line.Contains(label, StringComparison.Ordinal)).Sum(Value);

    /// <summary>The declared type of <paramref name="name"/> (<c># TYPE name counter</c>), or null when it is not declared.</summary>
    public string? TypeOf(string name) =>
        Text.Split('\n').FirstOrDefault(line => line.StartsWith($"# TYPE {name} ", StringComparison.Ordinal))?[$"# TYPE {name} ".Length..].Trim();

    private static double Value(string sample)
    {
        // name{labels} value [timestamp]: the value follows the labels (whose values may hold spaces).
        var afterLabels = sample.Contains('}', StringComparison.Ordinal) ? sample[(sample.LastIndexOf('}') + 1)..] : sample[sample.IndexOf(' ', StringComparison.Ordinal)..];
        return double.Parse(afterLabels.Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
