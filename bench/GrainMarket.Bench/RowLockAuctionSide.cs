using System.Diagnostics;
using System.Globalization;
using GrainMarket.Auctions;
using GrainMarket.Common;
using GrainMarket.Wallets;
using Npgsql;

namespace GrainMarket.Bench;

/// <summary>
/// The row-lock baseline of the auction benchmark, in plain Npgsql under the grain's rules: each bidder reads the
/// auction's next minimum with a plain SELECT and bids it in one transaction that locks the auction row, checks the
/// bid, locks the bidder's and the previous leader's wallet rows (in key order), holds the bid on the bidder, releases
/// the previous leader's hold (each with a ledger row), updates the auction and inserts the bid.
/// </summary>
internal static class RowLockAuctionSide
{
    public static async Task<AuctionRun> RunAsync(string connectionString, BenchOptions options)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await PrepareAsync(dataSource);
        var warmup = new BidTally(AuctionBenchmark.Bidders);
        var hints = new long?[AuctionBenchmark.Bidders];
        await Throughput.WarmUpAsync(AuctionBenchmark.Bidders, options, i => () => BidAsync(dataSource, i, warmup, hints));
        var measured = new BidTally(AuctionBenchmark.Bidders);
        var cpu = AuctionBenchmark.ProcessCpu();
        var elapsed = await Throughput.RunForAsync(AuctionBenchmark.Bidders, options.PhaseDuration, i => () => BidAsync(dataSource, i, measured, hints));
        var profile = new[] { AuctionBenchmark.CpuLine(cpu, elapsed, measured.Accepted) };
        var accepted = warmup.Accepted + measured.Accepted;
        var (checks, price) = await ChecksAsync(dataSource, accepted);
        return new AuctionRun(measured, elapsed, accepted, price, checks, checks.All(c => c.StartsWith("ok", StringComparison.Ordinal)), profile);
    }

    private static async Task PrepareAsync(NpgsqlDataSource dataSource)
    {
        await using var batch = dataSource.CreateBatch();
        foreach (var sql in new[]
        {
            "DROP TABLE IF EXISTS bench_auction, bench_auction_wallet, bench_auction_ledger, bench_auction_bid",
            "CREATE TABLE bench_auction (id int PRIMARY KEY, current_price bigint NOT NULL, leader int, bid_count int NOT NULL)",
            "CREATE TABLE bench_auction_wallet (id int PRIMARY KEY, available bigint NOT NULL CHECK (available >= 0), held bigint NOT NULL CHECK (held >= 0))",
            "CREATE TABLE bench_auction_ledger (wallet int NOT NULL, type text NOT NULL, amount bigint NOT NULL, at timestamptz NOT NULL DEFAULT now())",
            "CREATE TABLE bench_auction_bid (sequence bigserial PRIMARY KEY, bidder int NOT NULL, amount bigint NOT NULL, at timestamptz NOT NULL DEFAULT now())",
            string.Create(CultureInfo.InvariantCulture, $"INSERT INTO bench_auction VALUES (1, {AuctionBenchmark.StartingPrice}, NULL, 0)"),
            string.Create(CultureInfo.InvariantCulture, $"INSERT INTO bench_auction_wallet SELECT g, {AuctionBenchmark.Funds}, 0 FROM generate_series(0, {AuctionBenchmark.Bidders - 1}) g"),
        })
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(sql));
        }

        await batch.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// One turn of a bidder, as on the grain side: bid the next minimum a refusal named, or else read it (no lock),
    /// unless the bidder already leads.
    /// </summary>
    private static async Task BidAsync(NpgsqlDataSource dataSource, int bidder, BidTally tally, long?[] hints)
    {
        long amount;
        if (hints[bidder] is { } hint)
        {
            amount = hint;
            hints[bidder] = null;
        }
        else
        {
            long price;
            int? leader;
            await using (var read = dataSource.CreateCommand("SELECT current_price, leader FROM bench_auction WHERE id = 1"))
            {
                await using var reader = await read.ExecuteReaderAsync();
                await reader.ReadAsync();
                (price, leader) = (reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetInt32(1));
            }

            if (leader == bidder)
            {
                // As on the grain side: nobody bids against themselves; the leader waits to be outbid.
                tally.Pass();
                await Task.Delay(1);
                return;
            }

            amount = MinNextBid(price, leader);
        }

        var started = Stopwatch.GetTimestamp();
        string? refusal;
        try
        {
            (refusal, hints[bidder]) = await PlaceAsync(dataSource, bidder, amount);
        }
        catch (NpgsqlException exception)
        {
            // Counted and reported with its stack trace (a deadlock would land here); the run goes on.
            tally.Fail(exception.ToString());
            return;
        }

        switch (refusal)
        {
            case null:
                tally.Accept(bidder, started);
                break;
            case ErrorCodes.BidTooLow:
                tally.Lose(bidder, started);
                break;
            default:
                tally.Fail(refusal);
                break;
        }
    }

    /// <summary>The bid in one transaction under row locks; null when accepted, else the refusal's code (with the next minimum when too low).</summary>
    private static async Task<(string? Refusal, long? MinNextBid)> PlaceAsync(NpgsqlDataSource dataSource, int bidder, long amount)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        long price;
        int? leader;
        await using (var auction = new NpgsqlCommand("SELECT current_price, leader FROM bench_auction WHERE id = 1 FOR UPDATE", connection, transaction))
        {
            await using var reader = await auction.ExecuteReaderAsync();
            await reader.ReadAsync();
            (price, leader) = (reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetInt32(1));
        }

        if (amount < MinNextBid(price, leader))
        {
            await transaction.RollbackAsync();
            return (ErrorCodes.BidTooLow, MinNextBid(price, leader));
        }

        int[] wallets = leader is { } previous ? [Math.Min(bidder, previous), Math.Max(bidder, previous)] : [bidder];
        long available = 0;
        await using (var locked = new NpgsqlCommand("SELECT id, available FROM bench_auction_wallet WHERE id = ANY($1) ORDER BY id FOR UPDATE", connection, transaction))
        {
            locked.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = wallets });
            await using var reader = await locked.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                if (reader.GetInt32(0) == bidder)
                {
                    available = reader.GetInt64(1);
                }
            }
        }

        if (available < amount)
        {
            await transaction.RollbackAsync();
            return (ErrorCodes.InsufficientFunds, null);
        }

        await using var write = new NpgsqlBatch(connection, transaction);
        Move(write, bidder, LedgerEntryTypes.Hold, amount);
        if (leader is { } outbid)
        {
            // The previous leader's hold is exactly their bid, the current price.
            Move(write, outbid, LedgerEntryTypes.Release, price);
        }

        write.BatchCommands.Add(new NpgsqlBatchCommand("UPDATE bench_auction SET current_price = $1, leader = $2, bid_count = bid_count + 1 WHERE id = 1")
        {
            Parameters = { new NpgsqlParameter<long> { TypedValue = amount }, new NpgsqlParameter<int> { TypedValue = bidder } },
        });
        write.BatchCommands.Add(new NpgsqlBatchCommand("INSERT INTO bench_auction_bid (bidder, amount) VALUES ($1, $2)")
        {
            Parameters = { new NpgsqlParameter<int> { TypedValue = bidder }, new NpgsqlParameter<long> { TypedValue = amount } },
        });
        await write.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
        return (null, null);
    }

    /// <summary>A HOLD moves <paramref name="amount"/> from available to held, a RELEASE back; each with its ledger row.</summary>
    private static void Move(NpgsqlBatch batch, int wallet, string type, long amount)
    {
        var signed = type == LedgerEntryTypes.Hold ? amount : -amount;
        batch.BatchCommands.Add(new NpgsqlBatchCommand("UPDATE bench_auction_wallet SET available = available - $2, held = held + $2 WHERE id = $1")
        {
            Parameters = { new NpgsqlParameter<int> { TypedValue = wallet }, new NpgsqlParameter<long> { TypedValue = signed } },
        });
        batch.BatchCommands.Add(new NpgsqlBatchCommand("INSERT INTO bench_auction_ledger (wallet, type, amount) VALUES ($1, $2, $3)")
        {
            Parameters = { new NpgsqlParameter<int> { TypedValue = wallet }, new NpgsqlParameter<string> { TypedValue = type }, new NpgsqlParameter<long> { TypedValue = amount } },
        });
    }

    private static long MinNextBid(long price, int? leader) =>
        leader is null ? AuctionBenchmark.StartingPrice : price + BidIncrements.Step(price, AuctionBenchmark.Increments);

    /// <summary>The same checks as the grain side's: per bidder, HOLD − RELEASE in the ledger (and the held column) is the price for the leader and 0 for the others; the wallets still hold what was funded; one bid row per accepted bid.</summary>
    private static async Task<(List<string> Checks, long Price)> ChecksAsync(NpgsqlDataSource dataSource, long accepted)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT a.current_price, a.leader, a.bid_count, (SELECT count(*) FROM bench_auction_bid),
                (SELECT count(*) FROM bench_auction_wallet w
                 LEFT JOIN (SELECT wallet, sum(CASE type WHEN 'HOLD' THEN amount ELSE -amount END) AS held FROM bench_auction_ledger GROUP BY wallet) l ON l.wallet = w.id
                 WHERE coalesce(l.held, 0) <> w.held OR w.held <> CASE WHEN w.id = a.leader THEN a.current_price ELSE 0 END),
                (SELECT sum(available + held)::bigint FROM bench_auction_wallet)
            FROM bench_auction a WHERE a.id = 1
            """);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var checks = new List<string>
        {
            AuctionBenchmark.Check("bid count of the auction row = accepted bids (warm-up included)", reader.GetInt32(2), accepted),
            AuctionBenchmark.Check("bid rows = accepted bids", reader.GetInt64(3), accepted),
            AuctionBenchmark.Check("wallets whose hold (ledger and held column) is not the price (leader) or 0 (others)", reader.GetInt64(4), 0),
            AuctionBenchmark.Check("bidders' available + held = funded", reader.GetInt64(5), AuctionBenchmark.Bidders * AuctionBenchmark.Funds),
        };
        return (checks, reader.GetInt64(0));
    }
}
