namespace GrainMarket.Runtime.Transactions;

/// <summary>The coordinator's verdict for one silo: commit with these versions, or abort (<see cref="Versions"/> null).</summary>
internal sealed record TransactionDecision(Guid Id, IReadOnlyList<CommittedVersion>? Versions);
