using System.Data;
using Npgsql;

namespace GrainMarket.Persistence.Tests;

/// <summary>
/// Runs the texts stored in OrleansQuery the way Orleans' AdoNet providers do: each parameter by name with the
/// <see cref="DbType"/> of its CLR type (NULL still typed), and each result column read back by name, ignoring case.
/// </summary>
public sealed class StoredQueries(NpgsqlDataSource dataSource)
{
    public async Task<List<Dictionary<string, object?>>> ReadAsync(string key, CancellationToken cancellationToken, params QueryParameter[] parameters)
    {
        await using var command = await CreateAsync(key, parameters, cancellationToken);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<Dictionary<string, object?>>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>The single value of a query that answers with one row of one column, as the "returns > 0 for true" queries do.</summary>
    public async Task<object?> ReadSingleValueAsync(string key, CancellationToken cancellationToken, params QueryParameter[] parameters)
    {
        var row = Assert.Single(await ReadAsync(key, cancellationToken, parameters));
        return Assert.Single(row).Value;
    }

    public async Task ExecuteAsync(string key, CancellationToken cancellationToken, params QueryParameter[] parameters)
    {
        await using var command = await CreateAsync(key, parameters, cancellationToken);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<NpgsqlCommand> CreateAsync(string key, QueryParameter[] parameters, CancellationToken cancellationToken)
    {
        string text;
        await using (var lookup = dataSource.CreateCommand("SELECT QueryText FROM OrleansQuery WHERE QueryKey = @key"))
        {
            lookup.Parameters.Add(new NpgsqlParameter<string>("key", key));
            text = await lookup.ExecuteScalarAsync(cancellationToken) as string
                ?? throw new InvalidOperationException($"OrleansQuery has no '{key}'.");
        }

        var command = dataSource.CreateCommand(text);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { ParameterName = parameter.Name, DbType = parameter.Type, Value = parameter.Value ?? DBNull.Value });
        }

        return command;
    }
}
