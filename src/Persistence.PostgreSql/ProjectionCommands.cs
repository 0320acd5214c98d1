using Npgsql;
using NpgsqlTypes;

namespace GrainMarket.Persistence.PostgreSql;

/// <summary>
/// The SQL statements a projection adds to the commit of a state: statements of their own, with positional parameters
/// (<c>$1</c>, <c>$2</c>…), and rows of <see cref="ProjectionRows"/> statements, which go after them, one statement
/// per <see cref="ProjectionRows"/> for all the rows it was given.
/// </summary>
public sealed class ProjectionCommands
{
    private readonly List<NpgsqlBatchCommand> _commands = [];
    private readonly Dictionary<ProjectionRows, List<object?[]>> _rows = [];

    /// <summary>A parameter of a named database type that may be null: a bare null has no type PostgreSQL can infer everywhere.</summary>
    public static NpgsqlParameter Typed(object? value, NpgsqlDbType type) => new() { NpgsqlDbType = type, Value = value ?? DBNull.Value };

    /// <summary>Adds a statement. A value may be an <see cref="NpgsqlParameter"/> when its database type must be named (jsonb, arrays of a domain type).</summary>
    public void Add(string sql, params object?[] values)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(value as NpgsqlParameter ?? new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        _commands.Add(command);
    }

    /// <summary>Adds a row to <paramref name="rows"/>: a value per column, each of the column's type (null only where the type allows it).</summary>
    public void Add(ProjectionRows rows, params object?[] values)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != rows.Columns.Count)
        {
            throw new ArgumentException($"The statement has {rows.Columns.Count} columns; {values.Length} values were given.", nameof(values));
        }

        for (var i = 0; i < values.Length; i++)
        {
            var type = rows.Columns[i];
            var fits = values[i] is { } value
                ? (Nullable.GetUnderlyingType(type) ?? type).IsInstanceOfType(value)
                : !type.IsValueType || Nullable.GetUnderlyingType(type) is not null;
            if (!fits)
            {
                throw new ArgumentException($"Column {i + 1} takes {type.Name}, not {values[i]?.GetType().Name ?? "null"}.", nameof(values));
            }
        }

        var added = Rows(rows);
        var replaced = rows.KeyColumns > 0 ? added.FindIndex(row => SameKey(row, values, rows.KeyColumns)) : -1;
        if (replaced >= 0)
        {
            added[replaced] = values;
        }
        else
        {
            added.Add(values);
        }
    }

    /// <summary>Adds everything <paramref name="other"/> holds (another commit's commands, joining a group commit).</summary>
    internal void AddFrom(ProjectionCommands other)
    {
        _commands.AddRange(other._commands);
        foreach (var (rows, values) in other._rows)
        {
            foreach (var row in values)
            {
                Add(rows, row);
            }
        }
    }

    /// <summary>
    /// A copy with commands of its own (the same statements and values), for sending again: a command that went out in a
    /// batch the server refused is not sent a second time, since Npgsql may still tie it to a statement it prepared then.
    /// </summary>
    internal ProjectionCommands Copy()
    {
        var copy = new ProjectionCommands();
        copy._commands.AddRange(_commands.Select(CopyOf));
        foreach (var (rows, values) in _rows)
        {
            copy._rows[rows] = [.. values];
        }

        return copy;
    }

    /// <summary>A new command with the statement and a copy of each parameter of <paramref name="command"/>.</summary>
    internal static NpgsqlBatchCommand CopyOf(NpgsqlBatchCommand command)
    {
        var copy = new NpgsqlBatchCommand(command.CommandText);
        foreach (NpgsqlParameter parameter in command.Parameters)
        {
            copy.Parameters.Add(parameter.Clone());
        }

        return copy;
    }

    private static bool SameKey(object?[] row, object?[] other, int keyColumns)
    {
        for (var i = 0; i < keyColumns; i++)
        {
            if (!Equals(row[i], other[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The statements, then one statement per <see cref="ProjectionRows"/> carrying its rows as arrays.</summary>
    internal IEnumerable<NpgsqlBatchCommand> Commands
    {
        get
        {
            foreach (var command in _commands)
            {
                yield return command;
            }

            foreach (var (rows, values) in _rows)
            {
                var command = new NpgsqlBatchCommand(rows.Sql);
                for (var column = 0; column < rows.Columns.Count; column++)
                {
                    var array = Array.CreateInstance(rows.Columns[column], values.Count);
                    for (var row = 0; row < values.Count; row++)
                    {
                        array.SetValue(values[row][column], row);
                    }

                    command.Parameters.Add(new NpgsqlParameter { Value = array });
                }

                yield return command;
            }
        }
    }

    private List<object?[]> Rows(ProjectionRows rows)
    {
        if (!_rows.TryGetValue(rows, out var values))
        {
            values = [];
            _rows[rows] = values;
        }

        return values;
    }
}
