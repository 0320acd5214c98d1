namespace GrainMarket.Cluster.TestGrains;

/// <summary>The name the test gave the silo process that runs this code (<c>GRAINMARKET_SILO_NAME</c>).</summary>
public static class SiloName
{
    public static string Current { get; } = Environment.GetEnvironmentVariable("GRAINMARKET_SILO_NAME") ?? "unnamed";
}
