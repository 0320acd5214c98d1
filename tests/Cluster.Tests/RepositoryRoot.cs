namespace GrainMarket.Cluster.Tests;

/// <summary>The repository this test assembly was built in, found by walking up to GrainMarket.slnx.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    /// <summary>The build configuration of this test assembly, used for the silo's too.</summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    public static string TestGrainsAssembly => typeof(GrainMarket.Cluster.TestGrains.ILedgerGrain).Assembly.Location;

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "GrainMarket.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No GrainMarket.slnx above {AppContext.BaseDirectory}.");
    }
}
