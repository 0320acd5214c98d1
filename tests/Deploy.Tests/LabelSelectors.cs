using k8s.Models;

namespace GrainMarket.Deploy.Tests;

/// <summary>Kubernetes' label-selector semantics: every matchLabels pair and every matchExpressions requirement must hold.</summary>
public static class LabelSelectors
{
    /// <summary>Whether <paramref name="selector"/> selects an object with <paramref name="labels"/> (an empty selector selects all).</summary>
    public static bool Matches(V1LabelSelector selector, IDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(selector);
        ArgumentNullException.ThrowIfNull(labels);
        return (selector.MatchLabels ?? new Dictionary<string, string>()).All(pair => labels.TryGetValue(pair.Key, out var value) && value == pair.Value)
            && (selector.MatchExpressions ?? []).All(requirement => Holds(requirement, labels));
    }

    /// <summary>A Service's selector: plain pairs, all of which must be present.</summary>
    public static bool Matches(IDictionary<string, string> selector, IDictionary<string, string> labels) =>
        Matches(new V1LabelSelector { MatchLabels = selector }, labels);

    private static bool Holds(V1LabelSelectorRequirement requirement, IDictionary<string, string> labels)
    {
        var present = labels.TryGetValue(requirement.Key, out var value);
        var values = requirement.Values ?? [];
        return requirement.OperatorProperty switch
        {
            "In" => present && values.Contains(value!),
            "NotIn" => !present || !values.Contains(value!),
            "Exists" => present,
            "DoesNotExist" => !present,
            _ => throw new InvalidOperationException($"Unknown label-selector operator '{requirement.OperatorProperty}'."),
        };
    }
}
