namespace GrainMarket.Persistence.PostgreSql;

/// <summary>Settings of GrainMarket's PostgreSQL state storage (<see cref="PostgresStorageExtensions.AddPostgresStateStorage"/>).</summary>
public sealed class PostgresStorageOptions
{
    /// <summary>The Npgsql connection string of the database that holds the state tables.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// At most this many writes share one round trip (one batch, one PostgreSQL transaction, one WAL flush).
    /// </summary>
    public int MaxBatchSize { get; set; } = 64;

    /// <summary>
    /// At most this many batches are on their way to PostgreSQL at once; writes that arrive meanwhile wait and go
    /// together in the next batch.
    /// </summary>
    public int MaxConcurrentBatches { get; set; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>
    /// Refuse every write of this silo once Orleans' AdoNet membership table (<c>orleansmembershiptable</c>, in
    /// the same database) declares it dead. Only meaningful with AdoNet clustering on that database.
    /// </summary>
    public bool FenceDeadSilo { get; set; }
}
