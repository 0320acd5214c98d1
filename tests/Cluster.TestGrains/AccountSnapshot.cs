namespace GrainMarket.Cluster.TestGrains;

public sealed record AccountSnapshot(long Balance, long Entries);
