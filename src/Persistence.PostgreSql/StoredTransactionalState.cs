namespace GrainMarket.Persistence.PostgreSql;

/// <summary>One row of <c>orleans_transactional_state</c>, its payloads still serialized.</summary>
internal sealed record StoredTransactionalState(long Version, long CommittedSequenceId, byte[]? CommittedState, byte[] Metadata, byte[]? Pending);
