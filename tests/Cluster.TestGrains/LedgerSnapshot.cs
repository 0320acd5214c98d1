using System.Collections.Immutable;

namespace GrainMarket.Cluster.TestGrains;

[GenerateSerializer, Immutable, Alias("gm.clustertest.LedgerSnapshot")]
public sealed record LedgerSnapshot([property: Id(0)] long Total, [property: Id(1)] ImmutableArray<string> Applied);
