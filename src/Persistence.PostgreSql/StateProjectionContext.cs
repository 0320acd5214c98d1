namespace GrainMarket.Persistence.PostgreSql;

/// <summary>Which state a projection is projecting.</summary>
/// <param name="GrainId">The grain that owns the state.</param>
/// <param name="StateName">The state's name (<c>[TransactionalState("name")]</c> or <c>[PersistentState("name")]</c>).</param>
public sealed record StateProjectionContext(GrainId GrainId, string StateName)
{
    /// <summary>The grain's key as a string (a string key as it is; a Guid or integer key in its text form).</summary>
    public string GrainKey => GrainId.Key.ToString();
}
