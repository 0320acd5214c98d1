namespace GrainMarket.Deploy.Tests;

/// <summary>
/// Renders a Kustomize directory with <c>kubectl kustomize</c>, the renderer <c>kubectl apply -k</c> uses. A missing
/// kubectl is a failure, never a skip: the machine image and CI both have it.
/// </summary>
public static class Kubectl
{
    public const string Missing =
        "the deployment tests render the manifests with `kubectl kustomize` (kubectl 1.32 or later, which bundles kustomize). " +
        "Install kubectl; these tests do not skip without it.";

    /// <summary>The rendered YAML of <paramref name="directory"/>; throws with kubectl's own message when it fails.</summary>
    public static async Task<string> KustomizeAsync(string directory, CancellationToken cancellationToken, string executable = "kubectl")
    {
        var result = await ExternalCommand.RunAsync(executable, ["kustomize", directory], Missing, cancellationToken);
        return result.ExitCode == 0 ? result.Output
            : throw new InvalidOperationException($"kubectl kustomize {directory} exited with {result.ExitCode}: {result.Error}");
    }

    /// <summary>The rendered and strictly loaded set of <paramref name="directory"/>.</summary>
    public static async Task<RenderedManifests> RenderAsync(string directory, CancellationToken cancellationToken) =>
        RenderedManifests.Load(await KustomizeAsync(directory, cancellationToken));
}
