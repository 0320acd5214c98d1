namespace GrainMarket.Persistence.PostgreSql;

/// <summary>Which state a projection is projecting.</summary>
/// <param name="GrainId">The grain that owns the state.</param>
/// <param name="StateName">The state's name (<c>[TransactionalState("name")]</c>).</param>
/// <param name="CommittedSequenceId">The local sequence number of the last transaction the committed state includes.</param>
public sealed record TransactionalStateProjectionContext(GrainId GrainId, string StateName, long CommittedSequenceId);
