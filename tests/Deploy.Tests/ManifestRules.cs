namespace GrainMarket.Deploy.Tests;

/// <summary>What a rendered set is checked against besides itself.</summary>
/// <param name="ExternalSecrets">Secrets the set references but does not define (the base's, which overlays or the
/// cluster provide), with the keys each is expected to hold.</param>
/// <param name="ConfigurationNames">The <c>GRAINMARKET_*</c> names the code reads (<see cref="CodeConfiguration"/>).</param>
public sealed record ManifestRules(IReadOnlyDictionary<string, IReadOnlySet<string>> ExternalSecrets, IReadOnlySet<string> ConfigurationNames)
{
    /// <summary>The only paths a probe may ask: the host's liveness and readiness endpoints (GatewayExtensions).</summary>
    public static readonly IReadOnlySet<string> ProbePaths = new HashSet<string>(StringComparer.Ordinal) { "/healthz", "/readyz" };

    /// <summary>Orleans' silo-to-silo and gateway ports, which no Service may expose.</summary>
    public static readonly IReadOnlySet<int> OrleansPorts = new HashSet<int> { 11111, 30000 };

    /// <summary>The Secrets deploy/k8s/base reads and leaves to an overlay (or the cluster) to provide.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlySet<string>> BaseExternalSecrets = new Dictionary<string, IReadOnlySet<string>>
    {
        ["grainmarket-db"] = new HashSet<string>(StringComparer.Ordinal) { "connection-string" },
        ["grainmarket-secrets"] = new HashSet<string>(StringComparer.Ordinal) { "jwt-key", "admin-email", "admin-password" },
    };

    /// <summary>Rules for a set that must define every Secret it reads.</summary>
    public static ManifestRules SelfContained(IReadOnlySet<string> configurationNames) =>
        new(new Dictionary<string, IReadOnlySet<string>>(), configurationNames);
}
