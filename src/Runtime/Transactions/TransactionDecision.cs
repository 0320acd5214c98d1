namespace GrainMarket.Runtime.Transactions;

/// <summary>
/// The coordinator's verdict for one silo: commit with these versions, or abort (<see cref="Versions"/> null).
/// <paramref name="Refused"/>: the database refused the commit (a version changed under a participant), so participants
/// re-read their state rather than keep an out-of-date copy.
/// </summary>
internal sealed record TransactionDecision(Guid Id, IReadOnlyList<CommittedVersion>? Versions, bool Refused = false);
