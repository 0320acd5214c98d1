using System.Diagnostics;
using GrainMarket.Auctions;
using GrainMarket.Common;
using GrainMarket.Orders;
using GrainMarket.Wallets;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GrainMarket.Bench;

/// <summary>
/// The grain side of the auction benchmark: one live auction grain, the bidders' wallet grains, every bidder reading
/// the auction's <c>MinNextBid</c> and bidding exactly that. Afterwards the auction is closed and settled, and the
/// holds are checked in the ledger read model.
/// </summary>
internal static class GrainAuctionSide
{
    private static readonly TimeSpan SettlementLimit = TimeSpan.FromSeconds(30);

    public static async Task<AuctionRun> RunAsync(string connectionString, BenchOptions options)
    {
        await using var silo = await BenchSilo.StartAsync(connectionString, silo =>
        {
            TimedGrainStorage.Decorate(silo);
            GrainCallProfile.AddTo(silo);
        });
        var grains = silo.GrainFactory;
        var bidders = Enumerable.Range(0, AuctionBenchmark.Bidders).Select(_ => Guid.NewGuid()).ToArray();
        await Task.WhenAll(bidders.Select(b => grains.GetGrain<IWalletGrain>(WalletKeys.ForUser(b)).CreditAsync($"bench:{b:N}", LedgerEntryTypes.Adjustment, AuctionBenchmark.Funds, "bench funds")));
        var auctionId = Guid.NewGuid();
        var auction = grains.GetGrain<IAuctionGrain>(auctionId);
        Require(await auction.CreateAsync(new NewAuction(
            Guid.NewGuid(), "Bench auction", "The auction of the auction benchmark.", Guid.NewGuid(), [], AuctionBenchmark.StartingPrice, null, null,
            AuctionBenchmark.Increments, StartsAt: null, EndsAt: TimeProvider.System.GetUtcNow().AddHours(1), SoftCloseSeconds: 0, MaxExtensions: null)), "create");
        Require(await auction.ApproveAsync(Actor.System), "approve");

        var warmup = new BidTally(bidders.Length);
        var hints = new long?[bidders.Length];
        var offered = new long[bidders.Length];
        await Throughput.WarmUpAsync(bidders.Length, options, i => () => BidAsync(auction, bidders[i], i, warmup, hints, offered));
        var calls = silo.Services.GetRequiredService<GrainCallProfile>();
        var storage = silo.Services.GetRequiredService<TimedGrainStorage>();
        calls.Reset();
        storage.Reset();
        var measured = new BidTally(bidders.Length);
        var cpu = AuctionBenchmark.ProcessCpu();
        var elapsed = await Throughput.RunForAsync(bidders.Length, options.PhaseDuration, i => () => BidAsync(auction, bidders[i], i, measured, hints, offered));
        var profile = Profile(calls, measured, storage.Writes("auction"));
        profile.Insert(0, AuctionBenchmark.CpuLine(cpu, elapsed, measured.Accepted));

        var accepted = warmup.Accepted + measured.Accepted;
        var ended = (await auction.GetAsync())!;
        Require(await auction.CloseAsync(Actor.System), "close");
        var settled = await SettledAsync(auction);
        var checks = new List<string>
        {
            AuctionBenchmark.Check("bid count the grain reports = accepted bids (warm-up included)", ended.BidCount, accepted),
            AuctionBenchmark.Check("auction settled: order placed for the winner", settled.OrderId is null ? 0 : 1, 1),
        };
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        checks.AddRange(await LedgerChecksAsync(dataSource, auctionId, bidders, offered, settled));
        profile.AddRange(await LedgerProfileAsync(dataSource, auctionId, accepted, warmup.Lost + measured.Lost));
        return new AuctionRun(measured, elapsed, accepted, settled.CurrentPrice, checks, checks.All(c => c.StartsWith("ok", StringComparison.Ordinal)), profile);
    }

    /// <summary>
    /// One turn of a bidder: bid the next minimum — the one a refusal named (as a client retrying a bid-too-low does),
    /// or else the one the auction shows, unless the bidder already leads. <paramref name="offered"/> keeps the most each
    /// bidder ever offered.
    /// </summary>
    private static async Task BidAsync(IAuctionGrain auction, Guid bidderId, int bidder, BidTally tally, long?[] hints, long[] offered)
    {
        long amount;
        if (hints[bidder] is { } hint)
        {
            // Only a bidder who is not leading is refused, and only their own accepted bid makes them lead.
            amount = hint;
            hints[bidder] = null;
        }
        else
        {
            var view = await auction.GetAsync() ?? throw new InvalidOperationException("The bench auction is gone.");
            if (view.LeaderId == bidderId)
            {
                // Nobody bids against themselves (the grain would take it as a raised maximum, not a bid): wait to be outbid.
                tally.Pass();
                await Task.Delay(1);
                return;
            }

            amount = view.MinNextBid;
        }

        offered[bidder] = Math.Max(offered[bidder], amount);
        var started = Stopwatch.GetTimestamp();
        Result<BidOutcome> placed;
        try
        {
            placed = await auction.PlaceBidAsync(new PlaceBid(Guid.NewGuid(), bidderId, amount, null));
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Counted and reported with its stack trace; the run goes on so that every count stays complete.
            tally.Fail(exception.ToString());
            return;
        }

        if (placed is { Succeeded: true, Value.Accepted: true })
        {
            tally.Accept(bidder, started);
        }
        else if (placed.Error?.Code == ErrorCodes.BidTooLow)
        {
            tally.Lose(bidder, started);
            hints[bidder] = placed.Error.Figures?.GetValueOrDefault("minNextBid");
        }
        else
        {
            tally.Fail(placed.Error is { } error ? $"{error.Code}: {error.Detail}" : "a bid came back succeeded but not accepted");
        }
    }

    private static async Task<AuctionView> SettledAsync(IAuctionGrain auction)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var view = (await auction.GetAsync())!;
            if (view.OrderId is not null || deadline.Elapsed > SettlementLimit)
            {
                return view;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Per bidder, the auction's holds in the ledger (HOLD − RELEASE − CAPTURE) are the winning price for the winner and
    /// zero for everyone else, and never rose above the most the bidder offered (a bid that lost the race after its hold
    /// was raised leaves that hold until it is cut); the bidders' wallets together still hold exactly what they were
    /// funded; the bid history has one row per accepted bid.
    /// </summary>
    private static async Task<List<string>> LedgerChecksAsync(NpgsqlDataSource dataSource, Guid auctionId, Guid[] bidders, long[] offered, AuctionView settled)
    {
        var walletIds = bidders.Select(WalletKeys.ForUser).ToArray();
        var held = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var command = dataSource.CreateCommand("""
            SELECT wallet_id, sum(CASE WHEN type = 'HOLD' THEN amount WHEN type IN ('RELEASE', 'CAPTURE') THEN -amount ELSE 0 END)::bigint
            FROM ledger_entries WHERE reference = $1 AND wallet_id = ANY($2) GROUP BY wallet_id
            """))
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = AuctionIds.Reference(auctionId) });
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = walletIds });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                held[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        var winner = settled.WinnerId is { } w ? WalletKeys.ForUser(w) : null;
        var wrong = walletIds.Count(id => held.GetValueOrDefault(id) != (id == winner ? settled.CurrentPrice : 0));
        var checks = new List<string> { AuctionBenchmark.Check("bidders whose auction hold in the ledger is not the winning price (winner) or 0 (others)", wrong, 0) };

        await using (var command = dataSource.CreateCommand("""
            SELECT wallet_id, max(held)::bigint FROM (
                SELECT wallet_id, sum(CASE WHEN type = 'HOLD' THEN amount ELSE -amount END) OVER (PARTITION BY wallet_id ORDER BY sequence) AS held
                FROM ledger_entries WHERE reference = $1 AND wallet_id = ANY($2) AND type IN ('HOLD', 'RELEASE', 'CAPTURE')) AS running
            GROUP BY wallet_id
            """))
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = AuctionIds.Reference(auctionId) });
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = walletIds });
            var mostOffered = walletIds.Select((id, i) => (id, offered[i])).ToDictionary(p => p.id, p => p.Item2, StringComparer.Ordinal);
            var over = 0;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                over += reader.GetInt64(1) > mostOffered[reader.GetString(0)] ? 1 : 0;
            }

            checks.Add(AuctionBenchmark.Check("bidders whose auction hold ever exceeded the most they offered", over, 0));
        }

        await using (var command = dataSource.CreateCommand("SELECT count(*), coalesce(sum(available + held), 0)::bigint FROM wallets WHERE wallet_id = ANY($1)"))
        {
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = walletIds });
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            checks.Add(AuctionBenchmark.Check("bidders' wallets in the read model", reader.GetInt64(0), bidders.Length));
            checks.Add(AuctionBenchmark.Check("bidders' available + held = funded", reader.GetInt64(1), bidders.Length * AuctionBenchmark.Funds));
        }

        await using (var command = dataSource.CreateCommand("SELECT count(*) FROM auction_bids WHERE auction_id = $1"))
        {
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = auctionId });
            checks.Add(AuctionBenchmark.Check("rows of the bid history = grain's bid count", (long)(await command.ExecuteScalarAsync())!, settled.BidCount));
        }

        return checks;
    }

    /// <summary>
    /// How often the bids touched a wallet: the auction's HOLD and RELEASE entries in the ledger against its accepted and
    /// lost bids. A hold is raised to each new maximum, and an outbid bidder's hold is cut only after a while, so a
    /// bidder in a bidding war mostly re-bids against a hold that is still there.
    /// </summary>
    private static async Task<List<string>> LedgerProfileAsync(NpgsqlDataSource dataSource, Guid auctionId, long accepted, long lost)
    {
        await using var command = dataSource.CreateCommand("SELECT type, count(*) FROM ledger_entries WHERE reference = $1 GROUP BY type ORDER BY type");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = AuctionIds.Reference(auctionId) });
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        var holds = counts.GetValueOrDefault(LedgerEntryTypes.Hold);
        return
        [
            AuctionBenchmark.Line($"ledger (whole run, warm-up included): {holds:N0} HOLD and {counts.GetValueOrDefault(LedgerEntryTypes.Release):N0} RELEASE entries for {accepted:N0} accepted and {lost:N0} lost bids ({holds / (double)Math.Max(1, accepted + lost):F3} HOLD entries per bid)"),
        ];
    }

    /// <summary>Where the time went in the measured phase: the auction's and wallets' methods (an incoming call filter) and the auction's durable writes.</summary>
    private static List<string> Profile(GrainCallProfile calls, BidTally measured, (long Count, double P50Ms, double P99Ms) writes)
    {
        var lines = new List<string>
        {
            "grain methods in the measured phase (an incoming grain call filter): calls, errors, p50 and p99",
            $"{"grain method",-48} {"calls",10} {"errors",7} {"p50 ms",8} {"p99 ms",8}",
        };
        foreach (var (method, count, errors, p50, p99) in calls.Snapshot("auction", "wallet"))
        {
            lines.Add(AuctionBenchmark.Line($"{method,-48} {count,10:N0} {errors,7:N0} {p50,8:F2} {p99,8:F2}"));
        }

        var perWrite = writes.Count == 0 ? 0 : (double)measured.Accepted / writes.Count;
        lines.Add(AuctionBenchmark.Line($"{"auction state writes (group commits)",-48} {writes.Count,10:N0} {"",7} {writes.P50Ms,8:F2} {writes.P99Ms,8:F2}  ({perWrite:F2} accepted bids per write)"));
        lines.Add(AuctionBenchmark.Line($"{"decide (AuctionState.Decide, on a private copy)",-48} {DecideMicroseconds(),10:F2} µs per accepted bid"));
        return lines;
    }

    /// <summary>
    /// The in-memory decision alone, which the grain makes between the hold and the write: accepted bids decided one after
    /// the other on a private live auction with the benchmark's bidders, dropping the rows each write would take.
    /// </summary>
    private static double DecideMicroseconds()
    {
        const int Decisions = 20_000;
        var now = TimeProvider.System.GetUtcNow();
        var state = new AuctionState
        {
            Status = AuctionStatuses.Live,
            StartingPrice = AuctionBenchmark.StartingPrice,
            CurrentPrice = AuctionBenchmark.StartingPrice,
            Increments = [.. AuctionBenchmark.Increments],
            EndsAt = now.AddHours(1),
        };
        var bidders = Enumerable.Range(0, AuctionBenchmark.Bidders).Select(_ => Guid.NewGuid()).ToArray();
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < Decisions; i++)
        {
            if (!state.Decide(new PlaceBid(Guid.NewGuid(), bidders[i % bidders.Length], state.MinNextBid, null), now).Succeeded)
            {
                throw new InvalidOperationException("A private decision was refused.");
            }

            state.NewBids.Clear();
            state.NewEvents.Clear();
            state.HoldsToSync.Clear();
        }

        return Stopwatch.GetElapsedTime(started).TotalMicroseconds / Decisions;
    }

    private static void Require<T>(Result<T> result, string step)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"The bench auction could not {step}: {result.Error!.Code} {result.Error.Detail}");
        }
    }
}
