using System.Globalization;
using GrainMarket.Cluster.TestGrains;
using GrainMarket.Common;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GrainMarket.Bench;

/// <summary>
/// Two-account transfers between random pairs of 1,000 accounts from 64 clients: as Orleans transactions
/// (<c>ITransactionClient.RunTransaction</c> over two account grains) on GrainMarket's PostgreSQL transactional storage
/// and, in the same run against the same server, as plain Npgsql transactions that lock both rows with
/// SELECT … FOR UPDATE in key order. For reference, the same Orleans transactions on Orleans' in-memory grain storage
/// (no PostgreSQL) go first.
/// </summary>
internal static class TransactionsBenchmark
{
    private const int Accounts = 1_000;
    private const int Clients = 64;
    private const long Funding = 1_000_000_000;

    public static async Task RunAsync(BenchOptions options)
    {
        var connectionString = BenchDatabase.ConnectionString("transactions");

        var memory = await GrainTransfersAsync(null, options);
        var grain = await GrainTransfersAsync(connectionString, options);

        await using var dataSource = NpgsqlDataSource.Create(BenchDatabase.BaselineConnectionString(connectionString, Clients));
        await PrepareRowsAsync(dataSource);
        var rowLock = await Throughput.MeasureWithLatencyAsync(Clients, options, caller =>
        {
            var random = new Random(caller);
            return () => RowLockTransferAsync(dataSource, random);
        });

        var ratio = grain.Rate.PerSecond / rowLock.PerSecond;
        Console.WriteLine($"{"case",-52} {"tx/s",10} {"p50 ms",8} {"p99 ms",8}");
        Console.WriteLine(Row("memory: Orleans transactions, in-memory storage", memory.Rate));
        Console.WriteLine(Row("grain: Orleans transactions, PostgreSQL storage", grain.Rate));
        Console.WriteLine(Row("row-lock Npgsql (SELECT … FOR UPDATE)", rowLock));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Orleans transaction aborts retried (whole run): memory {memory.Retried:N0}, grain {grain.Retried:N0}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"CPU of the benchmark process per transfer (measured phase; the silo is in it): memory {memory.Rate.CpuUsPerOperation:F0} µs, grain {grain.Rate.CpuUsPerOperation:F0} µs"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"PostgreSQL commits per grain transfer (whole run, pg_stat_database): {grain.PostgresCommits / (double)Math.Max(1, grain.Committed):F2} ({grain.PostgresCommits:N0} for {grain.Committed:N0} transfers)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"transactions: grain {grain.Rate.PerSecond:F0} tx/s p50 {grain.Rate.P50Ms:F1} ms p99 {grain.Rate.P99Ms:F1} ms; row-lock {rowLock.PerSecond:F0} tx/s p50 {rowLock.P50Ms:F1} ms p99 {rowLock.P99Ms:F1} ms; ratio {ratio:F2}; in-memory {memory.Rate.PerSecond:F0} tx/s (grain at {100 * grain.Rate.PerSecond / memory.Rate.PerSecond:F0}%)"));
    }

    /// <summary>
    /// The transfers through a silo of their own, on <paramref name="connectionString"/> or in memory (null): their rate
    /// and latency, the aborts retried and the transfers committed over the whole run, and with a database how many
    /// transactions PostgreSQL committed meanwhile (read after the silo stopped, when its connections have closed and
    /// their backends have reported).
    /// </summary>
    private static async Task<GrainTransfers> GrainTransfersAsync(string? connectionString, BenchOptions options)
    {
        long retried = 0, committed = 0, commitsBefore = 0;
        Measurement rate;
        await using (var silo = await BenchSilo.StartAsync(connectionString))
        {
            var client = silo.Services.GetRequiredService<ITransactionClient>();
            var accounts = Enumerable.Range(0, Accounts).Select(i => silo.GrainFactory.GetGrain<IAccountGrain>($"bench-{i}")).ToArray();
            foreach (var chunk in accounts.Chunk(50))
            {
                await Task.WhenAll(chunk.Select(a => client.RunTransaction(TransactionOption.Create, () => a.DepositAsync(Funding))));
            }

            if (connectionString is not null)
            {
                commitsBefore = await BenchDatabase.CommitsAsync(connectionString);
            }

            rate = await Throughput.MeasureWithLatencyAsync(Clients, options, caller =>
            {
                var random = new Random(caller);
                return async () =>
                {
                    var (from, to) = Pair(random);
                    while (true)
                    {
                        try
                        {
                            await client.RunTransaction(TransactionOption.Create, async () =>
                            {
                                if (!await accounts[from].WithdrawAsync(1))
                                {
                                    return false;
                                }

                                await accounts[to].DepositAsync(1);
                                return true;
                            });
                            Interlocked.Increment(ref committed);
                            return;
                        }
                        catch (Exception exception) when (TransactionFailures.IsRetryable(exception))
                        {
                            Interlocked.Increment(ref retried);
                        }
                    }
                };
            });
        }

        long commits = 0;
        if (connectionString is not null)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            commits = await BenchDatabase.CommitsAsync(connectionString) - commitsBefore;
        }

        return new GrainTransfers(rate, retried, committed, commits);
    }

    private static (int From, int To) Pair(Random random)
    {
        var from = random.Next(Accounts);
        return (from, (from + 1 + random.Next(Accounts - 1)) % Accounts);
    }

    private static async Task PrepareRowsAsync(NpgsqlDataSource dataSource)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("CREATE TABLE IF NOT EXISTS bench_accounts (id int PRIMARY KEY, balance bigint NOT NULL)"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("TRUNCATE bench_accounts"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            $"INSERT INTO bench_accounts (id, balance) SELECT g, {Funding.ToString(CultureInfo.InvariantCulture)} FROM generate_series(0, {Accounts - 1}) g"));
        await batch.ExecuteNonQueryAsync();
    }

    /// <summary>What an application without grains writes: lock both rows in key order, check, update both, commit.</summary>
    private static async Task RowLockTransferAsync(NpgsqlDataSource dataSource, Random random)
    {
        var (from, to) = Pair(random);
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var select = new NpgsqlCommand("SELECT id, balance FROM bench_accounts WHERE id = ANY($1) ORDER BY id FOR UPDATE", connection, transaction))
        {
            select.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [from, to] });
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                if (reader.GetInt32(0) == from && reader.GetInt64(1) < 1)
                {
                    return;
                }
            }
        }

        await using var update = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("UPDATE bench_accounts SET balance = balance - 1 WHERE id = $1") { Parameters = { new NpgsqlParameter<int> { TypedValue = from } } },
                new NpgsqlBatchCommand("UPDATE bench_accounts SET balance = balance + 1 WHERE id = $1") { Parameters = { new NpgsqlParameter<int> { TypedValue = to } } },
            },
        };
        await update.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }

    private static string Row(string name, Measurement m) =>
        string.Create(CultureInfo.InvariantCulture, $"{name,-52} {m.PerSecond,10:N0} {m.P50Ms,8:F1} {m.P99Ms,8:F1}");

    /// <summary>What <see cref="GrainTransfersAsync"/> measured.</summary>
    private sealed record GrainTransfers(Measurement Rate, long Retried, long Committed, long PostgresCommits);
}
