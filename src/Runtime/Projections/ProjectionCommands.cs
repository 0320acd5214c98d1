using Npgsql;

namespace GrainMarket.Runtime.Projections;

/// <summary>The SQL statements a projection adds to the commit of a state; parameters are positional (<c>$1</c>, <c>$2</c>…).</summary>
public sealed class ProjectionCommands
{
    private readonly List<NpgsqlBatchCommand> _commands = [];

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

    internal IReadOnlyList<NpgsqlBatchCommand> Commands => _commands;
}
