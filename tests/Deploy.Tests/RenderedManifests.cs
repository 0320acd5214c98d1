using k8s;
using k8s.Models;

namespace GrainMarket.Deploy.Tests;

/// <summary>
/// Every document of a rendered manifest set, loaded strictly into KubernetesClient's typed models: an unknown field
/// or a value of the wrong type (a string where an integer belongs) fails the load, as an unknown kind does.
/// </summary>
public sealed class RenderedManifests
{
    private RenderedManifests(IReadOnlyList<object> objects) => Objects = objects;

    public IReadOnlyList<object> Objects { get; }

    public IEnumerable<V1Deployment> Deployments => Objects.OfType<V1Deployment>();

    public IEnumerable<V1StatefulSet> StatefulSets => Objects.OfType<V1StatefulSet>();

    public IEnumerable<V1Job> Jobs => Objects.OfType<V1Job>();

    public IEnumerable<V1Service> Services => Objects.OfType<V1Service>();

    public IEnumerable<V1Secret> Secrets => Objects.OfType<V1Secret>();

    public IEnumerable<V1ConfigMap> ConfigMaps => Objects.OfType<V1ConfigMap>();

    public IEnumerable<V1PodDisruptionBudget> DisruptionBudgets => Objects.OfType<V1PodDisruptionBudget>();

    public IEnumerable<V1NetworkPolicy> NetworkPolicies => Objects.OfType<V1NetworkPolicy>();

    public IEnumerable<V1Ingress> Ingresses => Objects.OfType<V1Ingress>();

    /// <summary>Every pod template of the set with the workload that owns it.</summary>
    public IEnumerable<PodTemplateOwner> PodTemplates =>
        Deployments.Select(d => new PodTemplateOwner($"Deployment/{d.Metadata.Name}", d.Spec.Selector, d.Spec.Template))
            .Concat(StatefulSets.Select(s => new PodTemplateOwner($"StatefulSet/{s.Metadata.Name}", s.Spec.Selector, s.Spec.Template)))
            .Concat(Jobs.Select(j => new PodTemplateOwner($"Job/{j.Metadata.Name}", j.Spec.Selector, j.Spec.Template)));

    public V1Deployment Deployment(string name) => Deployments.Single(d => d.Metadata.Name == name);

    /// <summary>Loads every document of <paramref name="yaml"/> strictly; throws on the first one that does not fit its model.</summary>
    public static RenderedManifests Load(string yaml)
    {
        try
        {
            return new RenderedManifests(KubernetesYaml.LoadAllFromString(yaml, typeMap: null, strict: true));
        }
        catch (KeyNotFoundException exception)
        {
            // KubernetesClient looks a document's apiVersion/kind up in its type map: a kind it has no model for.
            throw new InvalidOperationException($"A document has an apiVersion/kind without a typed model: {exception.Message}", exception);
        }
    }
}
