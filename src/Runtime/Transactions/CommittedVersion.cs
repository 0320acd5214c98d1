namespace GrainMarket.Runtime.Transactions;

/// <summary>The version a committed write gave one state.</summary>
internal sealed record CommittedVersion(GrainId GrainId, string StateName, long Version);
