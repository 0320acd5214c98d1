namespace GrainMarket.Runtime.Cluster;

/// <summary>An exception that crossed the wire. Retriable means the call certainly did not run, so sending it again is safe.</summary>
internal sealed record SiloCallError(string Type, string Message, bool Retriable, TransactionAbortReason? AbortReason = null, Guid? TransactionId = null);
