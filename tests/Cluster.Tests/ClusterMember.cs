using Orleans.Runtime;

namespace GrainMarket.Cluster.Tests;

/// <summary>One row of Orleans' membership table for the test's cluster: a silo incarnation and its status.</summary>
public sealed record ClusterMember(string Name, SiloAddress Address, SiloStatus Status);
