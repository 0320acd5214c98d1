using k8s.Models;

namespace GrainMarket.Deploy.Tests;

/// <summary>
/// Per pod template: every Secret and ConfigMap it reads exists (in the set, or among the rules' external Secrets) with
/// the key it reads; every probe asks a port its container declares and, over HTTP, only /healthz or /readyz; every
/// <c>GRAINMARKET_*</c> variable it sets is one the code reads.
/// </summary>
public static class ContainerChecker
{
    public static void Check(RenderedManifests set, ManifestRules rules, PodTemplateOwner owner, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(problems);
        foreach (var volume in owner.Template.Spec.Volumes ?? [])
        {
            if (volume.Secret is { } secret)
            {
                CheckSecret(set, rules, owner.Name, secret.SecretName, key: null, secret.Optional == true, problems);
            }

            if (volume.ConfigMap is { } configMap)
            {
                CheckConfigMap(set, owner.Name, configMap.Name, key: null, configMap.Optional == true, problems);
            }
        }

        foreach (var container in owner.Containers)
        {
            var name = $"{owner.Name} container {container.Name}";
            CheckReferences(set, rules, name, container, problems);
            CheckProbe(name, "livenessProbe", container, container.LivenessProbe, problems);
            CheckProbe(name, "readinessProbe", container, container.ReadinessProbe, problems);
            CheckProbe(name, "startupProbe", container, container.StartupProbe, problems);
            foreach (var variable in (container.Env ?? []).Where(v => v.Name.StartsWith("GRAINMARKET_", StringComparison.Ordinal)))
            {
                if (!rules.ConfigurationNames.Contains(variable.Name))
                {
                    problems.Add($"{name} sets {variable.Name}, which no code under src/ reads.");
                }
            }
        }
    }

    private static void CheckReferences(RenderedManifests set, ManifestRules rules, string name, V1Container container, List<string> problems)
    {
        foreach (var variable in container.Env ?? [])
        {
            if (variable.ValueFrom?.SecretKeyRef is { } secretKey)
            {
                CheckSecret(set, rules, name, secretKey.Name, secretKey.Key, secretKey.Optional == true, problems);
            }

            if (variable.ValueFrom?.ConfigMapKeyRef is { } configMapKey)
            {
                CheckConfigMap(set, name, configMapKey.Name, configMapKey.Key, configMapKey.Optional == true, problems);
            }
        }

        foreach (var source in container.EnvFrom ?? [])
        {
            if (source.SecretRef is { } secret)
            {
                CheckSecret(set, rules, name, secret.Name, key: null, secret.Optional == true, problems);
            }

            if (source.ConfigMapRef is { } configMap)
            {
                CheckConfigMap(set, name, configMap.Name, key: null, configMap.Optional == true, problems);
            }
        }
    }

    /// <summary>A Secret in the set (its keys in data or stringData) or an expected external one; an optional reference may lack its key.</summary>
    private static void CheckSecret(RenderedManifests set, ManifestRules rules, string name, string secretName, string? key, bool optional, List<string> problems)
    {
        var secret = set.Secrets.SingleOrDefault(s => s.Metadata.Name == secretName);
        IEnumerable<string>? keys = secret is not null
            ? (secret.Data?.Keys ?? []).Concat(secret.StringData?.Keys ?? [])
            : rules.ExternalSecrets.GetValueOrDefault(secretName);
        if (keys is null)
        {
            problems.Add($"{name} reads Secret {secretName}, which is neither in the set nor an expected external Secret.");
        }
        else if (key is not null && !optional && !keys.Contains(key))
        {
            problems.Add($"{name} reads key {key} of Secret {secretName}, which has no such key.");
        }
    }

    private static void CheckConfigMap(RenderedManifests set, string name, string configMapName, string? key, bool optional, List<string> problems)
    {
        var configMap = set.ConfigMaps.SingleOrDefault(c => c.Metadata.Name == configMapName);
        if (configMap is null)
        {
            problems.Add($"{name} reads ConfigMap {configMapName}, which is not in the set.");
        }
        else if (key is not null && !optional && !(configMap.Data?.ContainsKey(key) ?? false))
        {
            problems.Add($"{name} reads key {key} of ConfigMap {configMapName}, which has no such key.");
        }
    }

    private static void CheckProbe(string name, string kind, V1Container container, V1Probe? probe, List<string> problems)
    {
        if (probe is null)
        {
            return;
        }

        var port = probe.HttpGet?.Port.Value ?? probe.TcpSocket?.Port.Value
            ?? probe.Grpc?.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (port is not null && ManifestChecker.Resolve([container], port) is null)
        {
            problems.Add($"{name}: {kind} asks port {port}, which the container does not declare.");
        }

        if (probe.HttpGet is { } http && !ManifestRules.ProbePaths.Contains(http.Path ?? ""))
        {
            problems.Add($"{name}: {kind} asks {http.Path}, which is neither /healthz nor /readyz.");
        }
    }
}
