using Npgsql;

namespace GrainMarket.Runtime.Cluster;

/// <summary>
/// The membership table in PostgreSQL. Every status change is a compare-and-swap on the cluster's version row in
/// the same implicit transaction; heartbeats and staleness use the database clock.
/// </summary>
internal sealed class MembershipTable(NpgsqlDataSource dataSource)
{
    private const int MaxCasAttempts = 20;

    public async Task JoinAsync(string clusterId, SiloInfo silo, long generation, CancellationToken cancellationToken)
    {
        await using (var command = dataSource.CreateCommand("INSERT INTO cluster_version (cluster_id, version) VALUES ($1, 0) ON CONFLICT DO NOTHING"))
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = clusterId });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await ChangeAsync(clusterId, () => new NpgsqlBatchCommand(
            "INSERT INTO silos (cluster_id, silo_id, name, address, port, generation, status) VALUES ($1, $2, $3, $4, $5, $6, 'joining')")
        {
            Parameters =
            {
                new NpgsqlParameter<string> { TypedValue = clusterId },
                new NpgsqlParameter<string> { TypedValue = silo.SiloId },
                new NpgsqlParameter<string> { TypedValue = silo.Name },
                new NpgsqlParameter<string> { TypedValue = silo.Address },
                new NpgsqlParameter<int> { TypedValue = silo.Port },
                new NpgsqlParameter<long> { TypedValue = generation },
            },
        }, cancellationToken);
    }

    /// <summary>Moves a silo to <paramref name="status"/>; a dead silo stays dead.</summary>
    public Task SetStatusAsync(string clusterId, string siloId, SiloStatusKind status, CancellationToken cancellationToken) =>
        ChangeAsync(clusterId, () => new NpgsqlBatchCommand(
            "UPDATE silos SET status = $3 WHERE cluster_id = $1 AND silo_id = $2 AND status <> 'dead'")
        {
            Parameters =
            {
                new NpgsqlParameter<string> { TypedValue = clusterId },
                new NpgsqlParameter<string> { TypedValue = siloId },
                new NpgsqlParameter<string> { TypedValue = ToText(status) },
            },
        }, cancellationToken);

    /// <summary>Records that the silo is alive; returns its status, which is <see cref="SiloStatusKind.Dead"/> once others declared it so.</summary>
    public async Task<SiloStatusKind> HeartbeatAsync(string clusterId, string siloId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE silos SET heartbeat_at = now() WHERE cluster_id = $1 AND silo_id = $2 AND status <> 'dead' RETURNING status");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = clusterId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = siloId });
        return await command.ExecuteScalarAsync(cancellationToken) is string status ? FromText(status) : SiloStatusKind.Dead;
    }

    /// <summary>Declares dead every silo whose heartbeat is older than <paramref name="deathTimeout"/>; returns their ids.</summary>
    public async Task<IReadOnlyList<string>> DeclareStaleDeadAsync(string clusterId, TimeSpan deathTimeout, CancellationToken cancellationToken)
    {
        var stale = new List<string>();
        await using (var command = dataSource.CreateCommand(
            "SELECT silo_id FROM silos WHERE cluster_id = $1 AND status <> 'dead' AND heartbeat_at < now() - $2"))
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = clusterId });
            command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = deathTimeout });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                stale.Add(reader.GetString(0));
            }
        }

        if (stale.Count > 0)
        {
            // The staleness is checked again inside the swap: a heartbeat that arrived meanwhile saves the silo.
            await ChangeAsync(clusterId, () => new NpgsqlBatchCommand(
                "UPDATE silos SET status = 'dead' WHERE cluster_id = $1 AND silo_id = ANY($2) AND status <> 'dead' AND heartbeat_at < now() - $3")
            {
                Parameters =
                {
                    new NpgsqlParameter<string> { TypedValue = clusterId },
                    new NpgsqlParameter<string[]> { TypedValue = [.. stale] },
                    new NpgsqlParameter<TimeSpan> { TypedValue = deathTimeout },
                },
            }, cancellationToken);
        }

        return stale;
    }

    /// <summary>The membership version and every silo that is not dead.</summary>
    public async Task<(long Version, IReadOnlyList<SiloInfo> Silos)> ReadAsync(string clusterId, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT version FROM cluster_version WHERE cluster_id = $1") { Parameters = { new NpgsqlParameter<string> { TypedValue = clusterId } } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            "SELECT silo_id, name, address, port, status FROM silos WHERE cluster_id = $1 AND status <> 'dead' ORDER BY silo_id")
        {
            Parameters = { new NpgsqlParameter<string> { TypedValue = clusterId } },
        });
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var version = await reader.ReadAsync(cancellationToken) ? reader.GetInt64(0) : 0;
        await reader.NextResultAsync(cancellationToken);
        var silos = new List<SiloInfo>();
        while (await reader.ReadAsync(cancellationToken))
        {
            silos.Add(new SiloInfo(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), FromText(reader.GetString(4))));
        }

        return (version, silos);
    }

    private async Task ChangeAsync(string clusterId, Func<NpgsqlBatchCommand> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            long version;
            await using (var read = dataSource.CreateCommand("SELECT version FROM cluster_version WHERE cluster_id = $1"))
            {
                read.Parameters.Add(new NpgsqlParameter<string> { TypedValue = clusterId });
                version = (long)(await read.ExecuteScalarAsync(cancellationToken))!;
            }

            // One batch is one implicit transaction: the change applies only if the version swap succeeds.
            await using var batch = dataSource.CreateBatch();
            batch.BatchCommands.Add(new NpgsqlBatchCommand(
                "WITH v AS (UPDATE cluster_version SET version = version + 1 WHERE cluster_id = $1 AND version = $2 RETURNING 1) " +
                "SELECT grainmarket_expect(count(*) = 1, 'membership version moved') FROM v")
            {
                Parameters = { new NpgsqlParameter<string> { TypedValue = clusterId }, new NpgsqlParameter<long> { TypedValue = version } },
            });
            batch.BatchCommands.Add(change());
            try
            {
                await batch.ExecuteNonQueryAsync(cancellationToken);
                return;
            }
            catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.SerializationFailure && attempt < MaxCasAttempts)
            {
                await Task.Delay(Random.Shared.Next(5, 20 * attempt), cancellationToken);
            }
        }
    }

    private static string ToText(SiloStatusKind status) => status switch
    {
        SiloStatusKind.Joining => "joining",
        SiloStatusKind.Active => "active",
        SiloStatusKind.ShuttingDown => "shutting_down",
        _ => "dead",
    };

    private static SiloStatusKind FromText(string status) => status switch
    {
        "joining" => SiloStatusKind.Joining,
        "active" => SiloStatusKind.Active,
        "shutting_down" => SiloStatusKind.ShuttingDown,
        _ => SiloStatusKind.Dead,
    };
}
