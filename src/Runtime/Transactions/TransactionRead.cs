namespace GrainMarket.Runtime.Transactions;

/// <summary>A state the transaction read at <paramref name="Version"/>; the commit checks it is unchanged.</summary>
internal sealed record TransactionRead(GrainId GrainId, string StateName, long? Version);
