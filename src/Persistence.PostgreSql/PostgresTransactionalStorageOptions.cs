namespace GrainMarket.Persistence.PostgreSql;

/// <summary>Settings of <see cref="PostgresTransactionalStateStorageFactory"/>.</summary>
public sealed class PostgresTransactionalStorageOptions
{
    /// <summary>The Npgsql connection string of the database that holds <c>orleans_transactional_state</c>.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// At most this many stores share one round trip (one batch, one PostgreSQL transaction, one WAL flush).
    /// </summary>
    public int MaxBatchSize { get; set; } = 64;

    /// <summary>
    /// At most this many batches are on their way to PostgreSQL at once; stores that arrive meanwhile wait and
    /// go together in the next batch.
    /// </summary>
    public int MaxConcurrentBatches { get; set; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>
    /// Refuse every write of this silo once Orleans' AdoNet membership table (<c>orleansmembershiptable</c>, in
    /// the same database) declares it dead. Only meaningful with AdoNet clustering on that database.
    /// </summary>
    public bool FenceDeadSilo { get; set; }
}
