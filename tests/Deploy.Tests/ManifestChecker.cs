using k8s.Models;

namespace GrainMarket.Deploy.Tests;

/// <summary>
/// Cross-references inside a rendered set, each broken one reported as a sentence naming the object: selectors that
/// select nothing (workloads, Services, disruption budgets, network policies), ports that no container declares,
/// Ingress backends without a Service or port, Services that expose Orleans' ports; and, per container,
/// <see cref="ContainerChecker"/>'s checks.
/// </summary>
public static class ManifestChecker
{
    public static IReadOnlyList<string> Check(RenderedManifests set, ManifestRules rules)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(rules);
        var problems = new List<string>();
        var templates = set.PodTemplates.ToList();
        CheckWorkloadSelectors(templates, problems);
        CheckServices(set, templates, problems);
        CheckDisruptionBudgets(set, templates, problems);
        CheckNetworkPolicies(set, templates, problems);
        CheckIngresses(set, problems);
        foreach (var template in templates)
        {
            ContainerChecker.Check(set, rules, template, problems);
        }

        return problems;
    }

    private static void CheckWorkloadSelectors(List<PodTemplateOwner> templates, List<string> problems)
    {
        foreach (var owner in templates)
        {
            if (owner.Selector is null && !owner.Name.StartsWith("Job/", StringComparison.Ordinal))
            {
                problems.Add($"{owner.Name} has no selector.");
            }
            else if (owner.Selector is { } selector && !LabelSelectors.Matches(selector, owner.Labels))
            {
                problems.Add($"{owner.Name}: its selector does not match its own pod template's labels.");
            }
        }
    }

    private static void CheckServices(RenderedManifests set, List<PodTemplateOwner> templates, List<string> problems)
    {
        foreach (var service in set.Services)
        {
            var name = $"Service/{service.Metadata.Name}";
            if (service.Spec.Selector is not { Count: > 0 } selector)
            {
                problems.Add($"{name} has no selector.");
                continue;
            }

            var selected = templates.Where(t => LabelSelectors.Matches(selector, t.Labels)).ToList();
            if (selected.Count == 0)
            {
                problems.Add($"{name}: its selector matches no pod template.");
            }

            foreach (var port in service.Spec.Ports ?? [])
            {
                var target = port.TargetPort?.Value ?? port.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
                foreach (var owner in selected.Where(owner => Resolve(owner.Containers, target) is null))
                {
                    problems.Add($"{name}: targetPort {target} is declared by no container of {owner.Name}.");
                }

                var exposed = selected.Select(owner => Resolve(owner.Containers, target)).Append(port.Port).Append(int.TryParse(target, out var number) ? number : null);
                if (exposed.Any(p => p is { } value && ManifestRules.OrleansPorts.Contains(value)))
                {
                    problems.Add($"{name} exposes an Orleans port (port {port.Port}, targetPort {target}): silos and clients find those in the membership table.");
                }
            }
        }
    }

    private static void CheckDisruptionBudgets(RenderedManifests set, List<PodTemplateOwner> templates, List<string> problems)
    {
        foreach (var budget in set.DisruptionBudgets)
        {
            var replicated = templates.Where(t => t.Name.StartsWith("Deployment/", StringComparison.Ordinal) || t.Name.StartsWith("StatefulSet/", StringComparison.Ordinal));
            if (budget.Spec.Selector is null || !replicated.Any(t => LabelSelectors.Matches(budget.Spec.Selector, t.Labels)))
            {
                problems.Add($"PodDisruptionBudget/{budget.Metadata.Name}: its selector matches no Deployment or StatefulSet.");
            }
        }
    }

    private static void CheckNetworkPolicies(RenderedManifests set, List<PodTemplateOwner> templates, List<string> problems)
    {
        foreach (var policy in set.NetworkPolicies)
        {
            var name = $"NetworkPolicy/{policy.Metadata.Name}";
            var targets = templates.Where(t => LabelSelectors.Matches(policy.Spec.PodSelector, t.Labels)).ToList();
            if (targets.Count == 0)
            {
                problems.Add($"{name}: its podSelector matches no pod template.");
            }

            foreach (var rule in policy.Spec.Ingress ?? [])
            {
                // A peer with only a podSelector means pods of this namespace: they must exist in the set.
                foreach (var peer in (rule.FromProperty ?? []).Where(p => p.PodSelector is not null && p.NamespaceSelector is null))
                {
                    if (!templates.Any(t => LabelSelectors.Matches(peer.PodSelector, t.Labels)))
                    {
                        problems.Add($"{name}: a 'from' podSelector matches no pod template.");
                    }
                }

                foreach (var port in (rule.Ports ?? []).Where(p => p.Port is not null))
                {
                    foreach (var owner in targets.Where(owner => Resolve(owner.Containers, port.Port.Value) is null))
                    {
                        problems.Add($"{name}: port {port.Port.Value} is declared by no container of {owner.Name}.");
                    }
                }
            }
        }
    }

    private static void CheckIngresses(RenderedManifests set, List<string> problems)
    {
        foreach (var ingress in set.Ingresses)
        {
            var backends = (ingress.Spec.Rules ?? []).SelectMany(r => r.Http?.Paths ?? []).Select(p => p.Backend)
                .Append(ingress.Spec.DefaultBackend).OfType<V1IngressBackend>();
            foreach (var backend in backends)
            {
                if (backend.Service is not { } target)
                {
                    problems.Add($"Ingress/{ingress.Metadata.Name}: a backend names no Service.");
                    continue;
                }

                var service = set.Services.SingleOrDefault(s => s.Metadata.Name == target.Name);
                var ports = service?.Spec.Ports ?? [];
                if (service is null)
                {
                    problems.Add($"Ingress/{ingress.Metadata.Name}: backend Service {target.Name} is not in the set.");
                }
                else if (!ports.Any(p => target.Port.Name is { } portName ? p.Name == portName : p.Port == target.Port.Number))
                {
                    problems.Add($"Ingress/{ingress.Metadata.Name}: Service {target.Name} has no port {target.Port.Name ?? target.Port.Number?.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
                }
            }
        }
    }

    /// <summary>The container port a Service target, probe or policy port names (a port name or a number), or null.</summary>
    internal static int? Resolve(IEnumerable<V1Container> containers, string port) =>
        containers.SelectMany(c => c.Ports ?? []).FirstOrDefault(p => p.Name == port || p.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture) == port)?.ContainerPort;
}
