namespace GrainMarket.Persistence.PostgreSql;

/// <summary>Which state a projection is projecting.</summary>
/// <param name="GrainId">The grain that owns the state.</param>
/// <param name="StateName">The state's name (<c>[TransactionalState("name")]</c> or <c>[PersistentState("name")]</c>).</param>
public sealed record StateProjectionContext(GrainId GrainId, string StateName);
