using k8s.Models;

namespace GrainMarket.Deploy.Tests;

/// <summary>A workload's pod template, its selector (null for a Job whose selector Kubernetes generates) and its name.</summary>
public sealed record PodTemplateOwner(string Name, V1LabelSelector? Selector, V1PodTemplateSpec Template)
{
    public IDictionary<string, string> Labels => Template.Metadata?.Labels ?? new Dictionary<string, string>();

    public IEnumerable<V1Container> Containers =>
        (Template.Spec.InitContainers ?? []).Concat(Template.Spec.Containers ?? []);
}
