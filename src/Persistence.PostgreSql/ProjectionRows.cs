namespace GrainMarket.Persistence.PostgreSql;

/// <summary>
/// A statement that takes its rows as one array per column (<c>unnest($1::uuid[], $2::bigint[], …)</c>), so that the
/// rows of every commit in a group commit go as one statement: a checkout's three stock levels, its wallet's balance
/// and its ledger entry, times the batch's checkouts. The rows of one commit never share a key with another's (each
/// holds its states' locks until its verdict), so an upsert never meets its own row twice. Declare one instance per
/// statement, and add rows with <see cref="ProjectionCommands.Add(ProjectionRows, object?[])"/>.
/// </summary>
/// <param name="sql">The statement; <c>$1</c>…<c>$n</c> are the columns' arrays, in order.</param>
/// <param name="columns">Each column's .NET type (<see cref="Guid"/>, <see cref="long"/>, <see cref="string"/>, <see cref="DateTimeOffset"/>…): its values travel as an array of it.</param>
public sealed class ProjectionRows(string sql, params Type[] columns)
{
    public string Sql { get; } = !string.IsNullOrWhiteSpace(sql) ? sql : throw new ArgumentException("A statement is required.", nameof(sql));

    public IReadOnlyList<Type> Columns { get; } = columns.Length > 0 ? columns : throw new ArgumentException("At least one column is required.", nameof(columns));

    /// <summary>
    /// How many leading columns are the row's key. A row whose key equals that of a row added before to the same
    /// <see cref="ProjectionCommands"/> replaces it, so that an upsert (<c>ON CONFLICT … DO UPDATE</c>, which may not
    /// touch a row twice in one statement) carries only the latest state of each key when several states of one grain
    /// are projected into one batch. 0 (the default): rows never replace each other, as for appends.
    /// </summary>
    public int KeyColumns { get; init; }
}
