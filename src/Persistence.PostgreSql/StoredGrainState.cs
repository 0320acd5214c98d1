namespace GrainMarket.Persistence.PostgreSql;

/// <summary>One row of <c>orleans_grain_state</c>, its payload still serialized.</summary>
internal sealed record StoredGrainState(long Version, byte[] Payload);
