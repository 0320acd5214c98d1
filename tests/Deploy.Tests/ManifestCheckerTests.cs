using YamlDotNet.Core;

namespace GrainMarket.Deploy.Tests;

/// <summary>The loader and the checker themselves: a small valid set passes, and each broken copy of it is reported.</summary>
public sealed class ManifestCheckerTests
{
    private const string Valid = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          replicas: 2
          selector:
            matchLabels:
              app.kubernetes.io/name: web
          template:
            metadata:
              labels:
                app.kubernetes.io/name: web
            spec:
              containers:
                - name: web
                  image: example/web:1
                  ports:
                    - name: http
                      containerPort: 8080
                    - name: orleans-gateway
                      containerPort: 30000
                  env:
                    - name: GRAINMARKET_DB
                      valueFrom:
                        secretKeyRef:
                          name: web-db
                          key: connection-string
                  readinessProbe:
                    httpGet:
                      path: /readyz
                      port: http
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: web
        spec:
          selector:
            app.kubernetes.io/name: web
          ports:
            - name: http
              port: 80
              targetPort: http
        ---
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata:
          name: web
        spec:
          maxUnavailable: 1
          selector:
            matchLabels:
              app.kubernetes.io/name: web
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: web
        spec:
          podSelector:
            matchLabels:
              app.kubernetes.io/name: web
          ingress:
            - from:
                - podSelector:
                    matchLabels:
                      app.kubernetes.io/name: web
              ports:
                - port: 30000
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: web
        spec:
          rules:
            - http:
                paths:
                  - path: /
                    pathType: Prefix
                    backend:
                      service:
                        name: web
                        port:
                          name: http
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: web-db
        stringData:
          connection-string: Host=db
        """;

    public static TheoryData<string, string, string> Breakages => new()
    {
        { "Service/web: its selector matches no pod template.", "selector:\n    app.kubernetes.io/name: web", "selector:\n    app.kubernetes.io/name: wbe" },
        { "Service/web: targetPort htp is declared by no container of Deployment/web.", "targetPort: http", "targetPort: htp" },
        { "Service/web exposes an Orleans port (port 30000, targetPort orleans-gateway)", "- name: http\n      port: 80\n      targetPort: http", "- name: http\n      port: 30000\n      targetPort: orleans-gateway" },
        { "PodDisruptionBudget/web: its selector matches no Deployment or StatefulSet.", "maxUnavailable: 1\n  selector:\n    matchLabels:\n      app.kubernetes.io/name: web", "maxUnavailable: 1\n  selector:\n    matchLabels:\n      app.kubernetes.io/name: api" },
        { "NetworkPolicy/web: a 'from' podSelector matches no pod template.", "- podSelector:\n            matchLabels:\n              app.kubernetes.io/name: web", "- podSelector:\n            matchLabels:\n              app.kubernetes.io/name: gateway" },
        { "NetworkPolicy/web: port 3000 is declared by no container of Deployment/web.", "- port: 30000", "- port: 3000" },
        { "Ingress/web: backend Service webb is not in the set.", "name: web\n                port:", "name: webb\n                port:" },
        { "Ingress/web: Service web has no port https.", "port:\n                  name: http", "port:\n                  name: https" },
        { "Deployment/web container web reads Secret web-database, which is neither in the set nor an expected external Secret.", "name: web-db\n                  key", "name: web-database\n                  key" },
        { "Deployment/web container web reads key connection of Secret web-db, which has no such key.", "key: connection-string", "key: connection" },
        { "Deployment/web container web: readinessProbe asks /ready, which is neither /healthz nor /readyz.", "path: /readyz", "path: /ready" },
        { "Deployment/web container web: readinessProbe asks port 8081, which the container does not declare.", "path: /readyz\n              port: http", "path: /readyz\n              port: 8081" },
        { "Deployment/web container web sets GRAINMARKET_DATABASE, which no code under src/ reads.", "- name: GRAINMARKET_DB", "- name: GRAINMARKET_DATABASE" },
        { "Deployment/web: its selector does not match its own pod template's labels.", "selector:\n    matchLabels:\n      app.kubernetes.io/name: web\n  template", "selector:\n    matchLabels:\n      app.kubernetes.io/name: web-1\n  template" },
    };

    [Fact]
    public void The_valid_set_has_no_problems()
    {
        Assert.Empty(ManifestChecker.Check(RenderedManifests.Load(Valid), ManifestRules.SelfContained(CodeConfiguration.Names)));
    }

    [Theory]
    [MemberData(nameof(Breakages))]
    public void A_broken_cross_reference_is_reported(string expected, string find, string replace)
    {
        var valid = Normalize(Valid);
        var broken = valid.Replace(Normalize(find), Normalize(replace), StringComparison.Ordinal);
        Assert.NotEqual(valid, broken);

        var problems = ManifestChecker.Check(RenderedManifests.Load(broken), ManifestRules.SelfContained(CodeConfiguration.Names));

        Assert.Equal(expected, Assert.Single(problems)[..expected.Length]);
    }

    [Theory]
    [InlineData("replicas: 2", "replica: 2", "Property 'replica' not found on type 'k8s.Models.V1DeploymentSpec'.")]
    [InlineData("replicas: 2", "replicas: two", "Exception during deserialization")]
    [InlineData("containerPort: 8080", "containerPort: http", "Exception during deserialization")]
    [InlineData("maxUnavailable: 1", "maxUnavailable: 1\n  minAvaliable: 1", "Property 'minAvaliable' not found on type 'k8s.Models.V1PodDisruptionBudgetSpec'.")]
    public void Loading_refuses_unknown_fields_and_wrong_types(string find, string replace, string message)
    {
        var broken = Normalize(Valid).Replace(Normalize(find), Normalize(replace), StringComparison.Ordinal);

        var failure = Assert.Throws<YamlException>(() => RenderedManifests.Load(broken));

        Assert.Equal(message, failure.Message);
    }

    [Fact]
    public void Loading_refuses_a_kind_without_a_typed_model()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => RenderedManifests.Load("apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n"));

        Assert.Contains("example.com/v1/Widget", failure.Message, StringComparison.Ordinal);
    }

    /// <summary>The raw string's indentation, whatever the line breaks of this file.</summary>
    private static string Normalize(string yaml) => yaml.ReplaceLineEndings("\n");
}
