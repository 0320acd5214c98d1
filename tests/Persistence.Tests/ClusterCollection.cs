namespace GrainMarket.Persistence.Tests;

/// <summary>The tests that share one <see cref="ClusterFixture"/>; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "AdoNet cluster";
}
