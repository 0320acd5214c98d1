using k8s;
using k8s.Models;

namespace GrainMarket.Deploy.Tests;

/// <summary>deploy/k8s rendered by kubectl kustomize, loaded strictly, and checked object by object and across objects.</summary>
public sealed class KubernetesManifestTests
{
    private static readonly string[] BaseObjects =
    [
        "Deployment/grainmarket-gateway", "Deployment/grainmarket-silo", "Ingress/grainmarket", "Job/grainmarket-migrate",
        "NetworkPolicy/grainmarket-silo", "PodDisruptionBudget/grainmarket-gateway", "PodDisruptionBudget/grainmarket-silo",
        "Service/grainmarket-gateway",
    ];

    private static readonly string[] DevOnlyObjects =
    [
        "ConfigMap/grainmarket-postgres-init", "NetworkPolicy/grainmarket-postgres", "Secret/grainmarket-db", "Secret/grainmarket-secrets",
        "Service/grainmarket-postgres", "StatefulSet/grainmarket-postgres",
    ];

    [Fact]
    public async Task Base_renders_into_the_expected_objects_each_loaded_strictly()
    {
        var set = await Kubectl.RenderAsync(RepositoryRoot.Combine("deploy", "k8s", "base"), TestContext.Current.CancellationToken);

        Assert.Equal(BaseObjects, Names(set, hashed: false));
    }

    [Fact]
    public async Task Dev_overlay_renders_the_base_plus_postgres_and_generated_secrets()
    {
        using var tree = DeployTree.Copy();
        var set = await Kubectl.RenderAsync(tree.DevOverlay, TestContext.Current.CancellationToken);

        Assert.Equal(BaseObjects.Concat(DevOnlyObjects).Order(StringComparer.Ordinal), Names(set, hashed: true));
    }

    [Fact]
    public async Task Base_cross_references_hold_with_the_overlay_secrets_as_the_only_external_ones()
    {
        var set = await Kubectl.RenderAsync(RepositoryRoot.Combine("deploy", "k8s", "base"), TestContext.Current.CancellationToken);

        AssertNoProblems(ManifestChecker.Check(set, new ManifestRules(ManifestRules.BaseExternalSecrets, CodeConfiguration.Names)));
    }

    [Fact]
    public async Task Dev_overlay_cross_references_hold_with_every_secret_in_the_set()
    {
        using var tree = DeployTree.Copy();
        var set = await Kubectl.RenderAsync(tree.DevOverlay, TestContext.Current.CancellationToken);

        AssertNoProblems(ManifestChecker.Check(set, ManifestRules.SelfContained(CodeConfiguration.Names)));
    }

    [Fact]
    public async Task Base_silos_roll_one_at_a_time_and_get_time_for_orleans_graceful_shutdown()
    {
        var set = await Kubectl.RenderAsync(RepositoryRoot.Combine("deploy", "k8s", "base"), TestContext.Current.CancellationToken);
        var silo = set.Deployment("grainmarket-silo");

        Assert.Equal(3, silo.Spec.Replicas);
        Assert.Equal("RollingUpdate", silo.Spec.Strategy.Type);
        Assert.Equal("0", silo.Spec.Strategy.RollingUpdate.MaxUnavailable.Value);
        Assert.Equal("1", silo.Spec.Strategy.RollingUpdate.MaxSurge.Value);
        Assert.InRange(silo.Spec.Template.Spec.TerminationGracePeriodSeconds ?? 30, 30, 300);
        Assert.Equal(1, set.DisruptionBudgets.Single(b => b.Metadata.Name == "grainmarket-silo").Spec.MaxUnavailable.ToInt());
    }

    [Fact]
    public async Task Silo_pods_give_orleans_their_pod_name_and_ip_from_the_downward_api()
    {
        var set = await Kubectl.RenderAsync(RepositoryRoot.Combine("deploy", "k8s", "base"), TestContext.Current.CancellationToken);
        var env = set.Deployment("grainmarket-silo").Spec.Template.Spec.Containers.Single().Env.ToDictionary(e => e.Name);

        Assert.Equal("metadata.name", env["GRAINMARKET_SILO_NAME"].ValueFrom.FieldRef.FieldPath);
        Assert.Equal("status.podIP", env["GRAINMARKET_SILO_ADDRESS"].ValueFrom.FieldRef.FieldPath);
        // Orleans' ports listen on the pod IP alone, not on every address of the pod.
        Assert.DoesNotContain("GRAINMARKET_SILO_LISTEN_ANY", env.Keys);
        // Nor does the image turn it on by default.
        var imageSettings = File.ReadAllLines(RepositoryRoot.Combine("deploy", "Dockerfile.silo")).Where(line => !line.TrimStart().StartsWith('#'));
        Assert.DoesNotContain(imageSettings, line => line.Contains("GRAINMARKET_SILO_LISTEN_ANY", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Silo_container_ports_are_the_ports_its_configuration_names()
    {
        var set = await Kubectl.RenderAsync(RepositoryRoot.Combine("deploy", "k8s", "base"), TestContext.Current.CancellationToken);
        var silo = set.Deployment("grainmarket-silo").Spec.Template.Spec.Containers.Single();
        var gateway = set.Deployment("grainmarket-gateway").Spec.Template.Spec.Containers.Single();
        static string Port(V1Container container, string name) =>
            container.Ports.Single(p => p.Name == name).ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        static string Env(V1Container container, string name) => container.Env.Single(e => e.Name == name).Value;

        Assert.Equal(Env(silo, "GRAINMARKET_SILO_PORT"), Port(silo, "orleans-silo"));
        Assert.Equal(Env(silo, "GRAINMARKET_GATEWAY_PORT"), Port(silo, "orleans-gateway"));
        Assert.Equal($"http://+:{Port(silo, "http")}", Env(silo, "ASPNETCORE_URLS"));
        Assert.Equal($"http://+:{Port(gateway, "http")}", Env(gateway, "ASPNETCORE_URLS"));
        Assert.Equal(ComposeTests.ImageHttpPort("deploy/Dockerfile.silo"), Port(silo, "http"));
        Assert.Equal(ComposeTests.ImageHttpPort("deploy/Dockerfile.gateway"), Port(gateway, "http"));
        Assert.Equal(Env(silo, "GRAINMARKET_CLUSTER_ID"), Env(gateway, "GRAINMARKET_CLUSTER_ID"));
    }

    [Fact]
    public async Task Only_silos_reach_the_silo_port_and_only_gateways_the_orleans_gateway_port()
    {
        var set = await Kubectl.RenderAsync(RepositoryRoot.Combine("deploy", "k8s", "base"), TestContext.Current.CancellationToken);
        var policy = set.NetworkPolicies.Single(p => p.Metadata.Name == "grainmarket-silo");

        string[] PeersOf(int port) =>
            [.. policy.Spec.Ingress.Where(r => r.Ports.Any(p => p.Port.Value == port.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                .SelectMany(r => r.FromProperty).Select(peer => peer.PodSelector?.MatchLabels["app.kubernetes.io/name"] ?? "(any namespace)")];

        Assert.Equal(["grainmarket-silo"], PeersOf(11111));
        Assert.Equal(["grainmarket-gateway"], PeersOf(30000));
        Assert.Equal(["(any namespace)"], PeersOf(8080));
    }

    [Fact]
    public async Task Every_container_runs_unprivileged_on_a_read_only_root_with_cpu_and_memory_bounds()
    {
        using var tree = DeployTree.Copy();
        var set = await Kubectl.RenderAsync(tree.DevOverlay, TestContext.Current.CancellationToken);

        var containers = set.PodTemplates.SelectMany(owner => owner.Containers.Select(c => (owner, container: c))).ToList();
        Assert.Equal(4, containers.Count);
        foreach (var (owner, container) in containers)
        {
            Assert.True(owner.Template.Spec.SecurityContext?.RunAsNonRoot, $"{owner.Name}: runAsNonRoot");
            Assert.False(container.SecurityContext.AllowPrivilegeEscalation, $"{owner.Name}: allowPrivilegeEscalation");
            Assert.True(container.SecurityContext.ReadOnlyRootFilesystem, $"{owner.Name}: readOnlyRootFilesystem");
            Assert.Equal(["ALL"], container.SecurityContext.Capabilities.Drop);
            Assert.Equal(["cpu", "memory"], container.Resources.Requests.Keys.Order(StringComparer.Ordinal));
            Assert.Equal(["cpu", "memory"], container.Resources.Limits.Keys.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task Dev_overlay_runs_dev_images_in_development_with_two_silos_and_one_gateway()
    {
        using var tree = DeployTree.Copy();
        var set = await Kubectl.RenderAsync(tree.DevOverlay, TestContext.Current.CancellationToken);

        var silo = set.Deployments.Single(d => d.Metadata.Name == "grainmarket-silo");
        var gateway = set.Deployments.Single(d => d.Metadata.Name == "grainmarket-gateway");
        Assert.Equal((2, 1), (silo.Spec.Replicas, gateway.Spec.Replicas));
        Assert.Equal(
            ["grainmarket/gateway:dev", "grainmarket/silo:dev", "grainmarket/silo:dev", "postgres:15"],
            set.PodTemplates.SelectMany(t => t.Containers).Select(c => c.Image).Order(StringComparer.Ordinal));
        foreach (var deployment in new[] { silo, gateway })
        {
            Assert.Equal("Development", deployment.Spec.Template.Spec.Containers.Single().Env.Single(e => e.Name == "ASPNETCORE_ENVIRONMENT").Value);
        }
    }

    [Fact]
    public async Task Migration_job_runs_the_silo_image_with_migrate_once()
    {
        var set = await Kubectl.RenderAsync(RepositoryRoot.Combine("deploy", "k8s", "base"), TestContext.Current.CancellationToken);
        var job = set.Jobs.Single();
        var container = job.Spec.Template.Spec.Containers.Single();

        Assert.Equal("grainmarket-migrate", job.Metadata.Name);
        Assert.Equal(set.Deployment("grainmarket-silo").Spec.Template.Spec.Containers.Single().Image, container.Image);
        Assert.Equal(["migrate"], container.Args);
        Assert.Null(container.Command);
        Assert.Equal("Never", job.Spec.Template.Spec.RestartPolicy);
        Assert.Equal(["GRAINMARKET_DB"], container.Env.Select(e => e.Name));
    }

    [Fact]
    public async Task A_missing_kubectl_fails_with_a_message_that_names_it()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Kubectl.KustomizeAsync(RepositoryRoot.Combine("deploy", "k8s", "base"), TestContext.Current.CancellationToken, "kubectl-not-installed-here"));

        Assert.StartsWith("'kubectl-not-installed-here' was not found on PATH: the deployment tests render the manifests with `kubectl kustomize`", failure.Message, StringComparison.Ordinal);
    }

    private static void AssertNoProblems(IReadOnlyList<string> problems) =>
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));

    /// <summary>Kind/name of every object, sorted; generated Secrets lose their content-hash suffix when <paramref name="hashed"/>.</summary>
    private static string[] Names(RenderedManifests set, bool hashed) =>
        [.. set.Objects.Cast<IKubernetesObject<V1ObjectMeta>>()
            .Select(o => $"{o.Kind}/{(hashed && o is V1Secret or V1ConfigMap ? o.Metadata.Name[..o.Metadata.Name.LastIndexOf('-')] : o.Metadata.Name)}")
            .Order(StringComparer.Ordinal)];
}
