namespace GrainMarket.Deploy.Tests;

/// <summary>
/// A throwaway copy of deploy/k8s whose dev overlay has its secret files (never committed) written from the committed
/// <c>*.env.example</c> files, so that the overlay's secretGenerator renders without a developer's real secrets.
/// </summary>
public sealed class DeployTree : IDisposable
{
    private readonly DirectoryInfo _root;

    private DeployTree(DirectoryInfo root) => _root = root;

    public string Base => Path.Combine(_root.FullName, "k8s", "base");

    public string DevOverlay => Path.Combine(_root.FullName, "k8s", "overlays", "dev");

    /// <summary>A copy of deploy/k8s without any <c>*.env</c>; with them written from the examples when <paramref name="fromExamples"/>.</summary>
    public static DeployTree Copy(bool fromExamples = true)
    {
        var tree = new DeployTree(Directory.CreateTempSubdirectory("gm-deploy-tests-"));
        var source = RepositoryRoot.Combine("deploy", "k8s");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".env", StringComparison.Ordinal)))
        {
            var target = Path.Combine(tree._root.FullName, "k8s", Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        if (fromExamples)
        {
            foreach (var example in Directory.EnumerateFiles(tree.DevOverlay, "*.env.example"))
            {
                File.Copy(example, example[..^".example".Length]);
            }
        }

        return tree;
    }

    public void Dispose() => _root.Delete(recursive: true);
}
