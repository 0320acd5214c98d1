using Npgsql;

namespace GrainMarket.Runtime.Cluster;

/// <summary>
/// Keeps a silo that the cluster declared dead from committing anything afterwards: every state write carries
/// a condition that this silo's membership row is not dead, checked by PostgreSQL in the same statement.
/// </summary>
internal sealed class WriteFence(string clusterId, string siloId)
{
    /// <summary>The SQL condition; its parameters are <c>@fence_cluster</c> and <c>@fence_silo</c>.</summary>
    public const string Condition =
        "NOT EXISTS (SELECT 1 FROM silos WHERE cluster_id = @fence_cluster AND silo_id = @fence_silo AND status = 'dead')";

    public string SiloId { get; } = siloId;

    public void AddParameters(NpgsqlParameterCollection parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Add(new NpgsqlParameter<string>("fence_cluster", clusterId));
        parameters.Add(new NpgsqlParameter<string>("fence_silo", SiloId));
    }

    /// <summary>Whether the cluster has declared this silo dead (after a write matched no row).</summary>
    public async Task<bool> IsDeadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT NOT ({Condition})", connection);
        AddParameters(command.Parameters);
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }
}
