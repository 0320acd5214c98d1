using System.Globalization;
using GrainMarket.Cluster.TestGrains;
using GrainMarket.Runtime;
using GrainMarket.Runtime.Transactions;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GrainMarket.Bench;

/// <summary>
/// Two-account transfers between random pairs of 1,000 accounts from 64 clients: as grain transactions (PostgreSQL
/// as the commit point) and, in the same run against the same server, as plain Npgsql transactions that lock both
/// rows with SELECT … FOR UPDATE in key order.
/// </summary>
internal static class TransactionsBenchmark
{
    private const int Accounts = 1_000;
    private const int Clients = 64;
    private const long Funding = 1_000_000_000;

    public static async Task RunAsync(BenchOptions options)
    {
        var connectionString = BenchDatabase.ConnectionString("transactions");

        var aborts = 0L;
        Measurement grain;
        await using (var silo = await BenchSilo.StartAsync(connectionString))
        {
            var client = silo.Services.GetRequiredService<ITransactionClient>();
            var accounts = Enumerable.Range(0, Accounts).Select(i => silo.GrainFactory.GetGrain<IAccountGrain>($"bench-{i}")).ToArray();
            foreach (var chunk in accounts.Chunk(50))
            {
                await Task.WhenAll(chunk.Select(a => client.RunTransaction(TransactionOption.Create, () => a.DepositAsync(Funding))));
            }

            grain = await Throughput.MeasureWithLatencyAsync(Clients, options, caller =>
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
                            return;
                        }
                        catch (TransactionAbortedException)
                        {
                            Interlocked.Increment(ref aborts);
                        }
                    }
                };
            });
            if (silo.Services.GetRequiredService<ITransactionStore>() is PostgresTransactionStore store)
            {
                var (batches, commits, largest) = store.Sent;
                Console.WriteLine($"grain commits sent together (whole run): {commits / (double)Math.Max(1, batches):F1} per batch on average, at most {largest}");
            }
        }

        await using var dataSource = NpgsqlDataSource.Create(BenchDatabase.BaselineConnectionString(connectionString, Clients));
        await PrepareRowsAsync(dataSource);
        var rowLock = await Throughput.MeasureWithLatencyAsync(Clients, options, caller =>
        {
            var random = new Random(caller);
            return () => RowLockTransferAsync(dataSource, random);
        });

        var ratio = grain.PerSecond / rowLock.PerSecond;
        Console.WriteLine($"{"case",-44} {"tx/s",10} {"p50 ms",8} {"p99 ms",8}");
        Console.WriteLine(Row("grain transactions (1,000 accounts, 64 clients)", grain));
        Console.WriteLine(Row("row-lock Npgsql (SELECT … FOR UPDATE)", rowLock));
        Console.WriteLine($"grain transaction aborts retried: {aborts:N0}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"transactions: grain {grain.PerSecond:F0} tx/s p50 {grain.P50Ms:F1} ms p99 {grain.P99Ms:F1} ms; row-lock {rowLock.PerSecond:F0} tx/s p50 {rowLock.P50Ms:F1} ms p99 {rowLock.P99Ms:F1} ms; ratio {ratio:F2}"));
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
        string.Create(CultureInfo.InvariantCulture, $"{name,-44} {m.PerSecond,10:N0} {m.P50Ms,8:F1} {m.P99Ms,8:F1}");
}
