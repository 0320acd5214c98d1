namespace GrainMarket.Cluster.TestGrains;

[GenerateSerializer, Immutable, Alias("gm.clustertest.AccountSnapshot")]
public sealed record AccountSnapshot([property: Id(0)] long Balance, [property: Id(1)] long Entries);
