namespace GrainMarket.Runtime.Transactions;

/// <summary>A state the commit writes, if its stored version is still <paramref name="ExpectedVersion"/> (null: no row yet).</summary>
internal sealed record TransactionWrite(GrainId GrainId, string StateName, long? ExpectedVersion, string Json);
