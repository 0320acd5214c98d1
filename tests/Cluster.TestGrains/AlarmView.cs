using System.Collections.Immutable;

namespace GrainMarket.Cluster.TestGrains;

[GenerateSerializer, Immutable, Alias("gm.clustertest.AlarmView")]
public sealed record AlarmView([property: Id(0)] ImmutableArray<string> Fired);
