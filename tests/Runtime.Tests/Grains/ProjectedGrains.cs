using GrainMarket.Runtime.Projections;

namespace GrainMarket.Runtime.Tests.Grains;

public sealed class ProjectedValue
{
    public string Value { get; set; } = "";
}

public interface IProjectedNoteGrain : IGrainWithStringKey
{
    Task WriteAsync(string value);

    Task ClearAsync();

    Task<string?> ReadAsync();
}

public interface IProjectedCounterGrain : IGrainWithStringKey
{
    [Transaction(TransactionOption.Join)]
    Task SetAsync(string value);
}

/// <summary>Persistent state whose read model is <c>test_projection</c>; the value is unique there (see <see cref="ProjectedValueProjection"/>).</summary>
[GrainType("projected-note")]
public sealed class ProjectedNoteGrain([PersistentState("note")] IPersistentState<ProjectedValue> note) : Grain, IProjectedNoteGrain
{
    async Task IProjectedNoteGrain.WriteAsync(string value)
    {
        note.State.Value = value;
        await note.WriteStateAsync();
    }

    Task IProjectedNoteGrain.ClearAsync() => note.ClearStateAsync();

    Task<string?> IProjectedNoteGrain.ReadAsync() => Task.FromResult(note.RecordExists ? note.State.Value : null);
}

[Reentrant]
[GrainType("projected-counter")]
public sealed class ProjectedCounterGrain([TransactionalState("counter")] ITransactionalState<ProjectedValue> counter) : Grain, IProjectedCounterGrain
{
    Task IProjectedCounterGrain.SetAsync(string value) => counter.PerformUpdate(s => s.Value = value);
}

public sealed class ProjectedValueProjection() : StateProjection<ProjectedValue>("projected-note", "note")
{
    /// <summary>The read model; <c>value</c> is unique so that a test can make a projection fail.</summary>
    public const string CreateTableSql =
        "CREATE TABLE IF NOT EXISTS test_projection (grain_type text NOT NULL, grain_key text NOT NULL, value text NOT NULL UNIQUE, PRIMARY KEY (grain_type, grain_key))";

    public const string UpsertSql =
        "INSERT INTO test_projection (grain_type, grain_key, value) VALUES ($1, $2, $3) ON CONFLICT (grain_type, grain_key) DO UPDATE SET value = excluded.value";

    public override void Project(string grainKey, ProjectedValue state, ProjectionCommands commands) =>
        commands.Add(UpsertSql, GrainType, grainKey, state.Value);

    public override void ProjectCleared(string grainKey, ProjectionCommands commands) =>
        commands.Add("DELETE FROM test_projection WHERE grain_type = $1 AND grain_key = $2", GrainType, grainKey);
}

/// <summary>The same read model through <see cref="ProjectionRows"/>: a group commit's counters go as one statement.</summary>
public sealed class ProjectedCounterProjection() : StateProjection<ProjectedValue>("projected-counter", "counter")
{
    private static readonly ProjectionRows Upsert = new(
        "INSERT INTO test_projection (grain_type, grain_key, value) SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) " +
        "ON CONFLICT (grain_type, grain_key) DO UPDATE SET value = excluded.value",
        typeof(string), typeof(string), typeof(string));

    public override void Project(string grainKey, ProjectedValue state, ProjectionCommands commands) =>
        commands.Add(Upsert, GrainType, grainKey, state.Value);
}
