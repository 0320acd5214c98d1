namespace GrainMarket.Deploy.Tests;

/// <summary>The repository this test assembly was built in, found by walking up to GrainMarket.slnx.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    /// <summary>A path inside the repository, from its parts.</summary>
    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

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
