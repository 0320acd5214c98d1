using System.Globalization;
using GrainMarket.StripeStandIn;
using Npgsql;

namespace GrainMarket.Chaos;

/// <summary>
/// <c>./grainmarket chaos</c>: a cluster of real silos, a seeded marketplace, a mixed workload over HTTP while faults
/// hit the silos on a seeded schedule (or, with <c>--rolling 1</c>, while each silo in turn is restarted gracefully),
/// then a quiet period and the checks. The last line is the verdict.
/// </summary>
internal static class ChaosRun
{
    /// <summary>The silos' drain in a rolling restart: a little, so that the drain is part of every stop.</summary>
    private static readonly TimeSpan RollingDrain = TimeSpan.FromSeconds(2);

    /// <summary>How long a silo may take from SIGTERM to its exit before the rolling restart counts it as stalled and kills it.</summary>
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    private const int Buyers = 16;
    private const int Sellers = 4;
    private const int ProductsPerSeller = 3;
    private const long Funds = 1_000_000;

    /// <summary>What each seller is credited for ad budgets.</summary>
    private const long AdFunds = 50_000;

    private const string StripeKey = "sk_test_chaos_standin";

    private const string StripeWebhookSecret = "whsec_chaos_standin_secret";

    public static async Task<int> RunAsync(ChaosOptions options)
    {
        var connectionString = Environment.GetEnvironmentVariable("GRAINMARKET_DB")
            ?? throw new InvalidOperationException("chaos needs GRAINMARKET_DB (./grainmarket chaos starts a PostgreSQL and sets it).");
        if (!options.OwnDatabase)
        {
            return await RunAsync(options, connectionString);
        }

        var server = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        var database = $"chaos_{DateTime.UtcNow:yyyyMMddHHmmss}_{Environment.ProcessId}";
        await ExecuteAsync(server.ConnectionString, $"CREATE DATABASE \"{database}\"");
        var status = 1;
        try
        {
            return status = await RunAsync(options, new NpgsqlConnectionStringBuilder(connectionString) { Database = database }.ConnectionString);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            if (status == 0)
            {
                await DropAsync(server.ConnectionString, database);
            }
            else
            {
                // What the checks found wrong is in there: kept for a look (a test server's folder goes with the run).
                Console.Error.WriteLine($"kept database {database} for inspection");
            }
        }
    }

    /// <summary>
    /// Drops the run's database. FORCE ends the connections left to it, but an autovacuum worker busy in it (the run
    /// churns tables such as the mail queue) is not ours to end: then it is tried again once the worker is done, and
    /// a database that still cannot go is left for the server's folder to take with it, with a warning.
    /// </summary>
    private static async Task DropAsync(string connectionString, string database)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ExecuteAsync(connectionString, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
                return;
            }
            catch (PostgresException exception) when (exception.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse)
            {
                if (attempt == 10)
                {
                    Console.Error.WriteLine($"warning: could not drop database {database}: {exception.MessageText}");
                    return;
                }

                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<int> RunAsync(ChaosOptions options, string connectionString)
    {
        var logFolder = Path.Combine(GrainMarket.Cluster.Tests.RepositoryRoot.Path, ".grainmarket", "chaos-logs", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        var mode = options.Rolling ? "a rolling restart" : $"{options.Faults} faults";
        Console.WriteLine($"chaos: {options.Silos} silos, {options.Gateways} gateways, {options.Seconds} s, {mode}, seed {options.Seed}; silo logs in {logFolder}");

        // Stripe is the stand-in, in this process: it keeps its webhooks, which the card workload delivers through the gateways.
        await using var stripe = await StripeStandInServer.StartAsync(new StripeStandInOptions(StripeKey, StripeWebhookSecret), CancellationToken.None);
        stripe.HoldWebhooks = true;
        await using var cluster = new ChaosCluster(connectionString, logFolder)
        {
            Drain = options.Rolling ? RollingDrain : TimeSpan.Zero,
            Extra = new Dictionary<string, string>
            {
                ["GRAINMARKET_STRIPE_SECRET_KEY"] = StripeKey,
                ["GRAINMARKET_STRIPE_WEBHOOK_SECRET"] = StripeWebhookSecret,
                ["GRAINMARKET_STRIPE_API_BASE"] = stripe.BaseAddress.AbsoluteUri,
            },
        };
        for (var i = 0; i < options.Silos; i++)
        {
            cluster.Start($"silo-{i}");
        }

        for (var i = 0; i < options.Gateways; i++)
        {
            cluster.StartGateway($"gateway-{i}");
        }

        await cluster.WaitUntilReadyAsync(TimeSpan.FromSeconds(120), CancellationToken.None);
        using var gateway = new Gateway(cluster);
        var random = new Random(options.Seed);
        var seed = await Seeding.RunAsync(gateway, random, Buyers, Sellers, ProductsPerSeller, Funds, TimeSpan.FromSeconds(options.Seconds), AdFunds);
        Console.WriteLine($"seeded {seed.Buyers.Count} buyers with {Funds} each, {seed.Listings.Count} products and {seed.Auctions.Count} live auctions of {seed.Sellers.Count} sellers");

        var workload = new Workload(gateway, seed.Admin, seed.Buyers, seed.Sellers, seed.Listings, seed.Auctions, seed.Couriers, seed.Coupons);
        workload.Returns = new ReturnWorkload(gateway, seed.Admin, seed.Buyers, seed.Sellers, workload.Orders);
        workload.ReferralCodes = seed.ReferralCodes ?? [];
        workload.Ads = new AdWorkload(gateway, seed.Buyers, seed.Sellers);
        using var cards = new CardWorkload(gateway, stripe, StripeKey, StripeWebhookSecret, seed.Buyers, seed.Listings);
        workload.Cards = cards;
        // A rolling restart runs to its end under load: the workload goes on past --seconds if the restarts take longer.
        using var stop = options.Rolling ? new CancellationTokenSource() : new CancellationTokenSource(TimeSpan.FromSeconds(options.Seconds));
        var started = DateTime.UtcNow;
        var workers = Enumerable.Range(0, options.Workers).Select(w => Task.Run(() => workload.RunAsync(w, stop.Token))).ToList();
        var restartProblems = new List<string>();
        string faults;
        if (options.Rolling)
        {
            var restarts = await RollAsync(cluster, options, restartProblems);
            var left = TimeSpan.FromSeconds(options.Seconds) - (DateTime.UtcNow - started);
            stop.CancelAfter(left > TimeSpan.Zero ? left : TimeSpan.Zero);
            faults = $"rolling restarts {restarts} (graceful {restarts - restartProblems.Count})";
        }
        else
        {
            faults = $"faults {await InjectAsync(cluster, options, stop.Token)}";
        }

        await Task.WhenAll(workers);

        Console.WriteLine("workload stopped; waiting for the cluster to settle…");
        Console.WriteLine($"{workload.Orders.Values.Count(o => o.Coupon is not null)} acknowledged checkouts used a coupon");
        await cluster.WaitUntilReadyAsync(TimeSpan.FromSeconds(120), CancellationToken.None);
        await EndAuctionsAsync(gateway, seed);
        await Task.Delay(TimeSpan.FromSeconds(15));

        Console.WriteLine($"{cards.Paid.Count} card checkouts acknowledged paid ({cards.Paid.Values.Sum()}), {cards.Uncertain} paid with no acknowledgement");
        var verdict = await Checks.RunAsync(gateway, seed, workload, connectionString, (Funds * Buyers) + (AdFunds * Sellers));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"chaos: referred orders {workload.Orders.Values.Count(o => o.Referral is not null)} ({workload.Orders.Values.Count(o => o.Referral is not null && o.Status == "completed")} completed), refunded returns of referred orders {workload.Returns.Returns.Values.Count(r => r.Order.Referral is not null && r.Status == "refunded")}"));
        foreach (var problem in restartProblems.Concat(verdict.Problems))
        {
            Console.WriteLine($"  ✗ {problem}");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"chaos: ops {workload.Operations}, acknowledged {workload.Acknowledged}, returns {workload.Returns.Returns.Count} ({workload.Returns.Returns.Values.Count(r => r.Status == "refunded")} refunded, {workload.Returns.Acknowledged} steps), ad deals {workload.Ads.Approved.Count} approved ({workload.Ads.Acknowledged} steps), {faults}; money conserved {YesNo(verdict.MoneyConserved)}; stock conserved {YesNo(verdict.StockConserved)}; single winner {YesNo(verdict.SingleWinner)}; lost {verdict.Lost}; duplicated {verdict.Duplicated}; seed {options.Seed}"));
        return verdict.Passed && restartProblems.Count == 0 ? 0 : 1;
    }

    /// <summary>
    /// Ends any auction still live (soft close may have pushed one past the run) and waits until every sold one has its
    /// winner's order: an admin's close settles before it answers, and repeating it is harmless.
    /// </summary>
    private static async Task EndAuctionsAsync(Gateway gateway, Seed seed)
    {
        var random = new Random(2);
        foreach (var auction in seed.Auctions)
        {
            for (var attempt = 0; attempt < 20; attempt++)
            {
                var (status, view) = await gateway.RetryAsync(random, HttpMethod.Post, $"/api/admin/auctions/{auction}/close", null, seed.Admin.Token, null);
                if (status == 200 && (view.GetProperty("status").GetString() == "ended-unsold" || view.GetProperty("orderId").ValueKind == System.Text.Json.JsonValueKind.String))
                {
                    break;
                }

                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }

    /// <summary>The seeded schedule: faults evenly spread over the run with seeded jitter, each on a seeded silo (or gateway), of a seeded kind.</summary>
    private static async Task<int> InjectAsync(ChaosCluster cluster, ChaosOptions options, CancellationToken stop)
    {
        var random = new Random(options.Seed);
        var names = cluster.Names;
        var gateways = cluster.GatewayNames;
        var kinds = gateways.Count > 0 ? 4 : 3;
        var plan = Enumerable.Range(0, options.Faults)
            .Select(i => (At: TimeSpan.FromSeconds((options.Seconds * (i + 0.5) / Math.Max(1, options.Faults)) + random.Next(-2, 3)), Kind: (FaultKind)random.Next(kinds), Pick: random.Next(1000)))
            .Select(f => (f.At, Silo: f.Kind == FaultKind.GatewayRestart ? gateways[f.Pick % gateways.Count] : names[f.Pick % names.Count], f.Kind))
            .ToList();
        var started = DateTime.UtcNow;
        var injected = 0;
        foreach (var (at, silo, kind) in plan)
        {
            var wait = at - (DateTime.UtcNow - started);
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, stop);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            Console.WriteLine($"  {(DateTime.UtcNow - started).TotalSeconds,5:F1} s  {kind} {silo}");
            await cluster.FaultAsync(silo, kind, CancellationToken.None);
            injected++;
        }

        return injected;
    }

    /// <summary>
    /// The rolling restart: each silo in turn, one at a time, the first a few seconds in and the others spread over the
    /// run, each begun once the one before has rejoined. A silo that does not exit by itself with status 0 within
    /// <see cref="StopTimeout"/> is a problem: its shutdown was not graceful.
    /// </summary>
    private static async Task<int> RollAsync(ChaosCluster cluster, ChaosOptions options, List<string> problems)
    {
        var names = cluster.Names.Order(StringComparer.Ordinal).ToList();
        var started = DateTime.UtcNow;
        for (var i = 0; i < names.Count; i++)
        {
            var wait = TimeSpan.FromSeconds(3 + (options.Seconds * i / (double)names.Count)) - (DateTime.UtcNow - started);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            var at = (DateTime.UtcNow - started).TotalSeconds;
            var (exitCode, exited, rejoined) = await cluster.RestartGracefullyAsync(names[i], StopTimeout, CancellationToken.None);
            var how = exitCode is { } code ? $"exited {code}" : $"still running {StopTimeout.TotalSeconds:F0} s after SIGTERM, killed";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {at,5:F1} s  graceful restart of {names[i]}: {how} {exited.TotalSeconds:F1} s after SIGTERM, rejoined after {rejoined.TotalSeconds:F1} s"));
            if (exitCode != 0)
            {
                problems.Add($"the graceful stop of {names[i]} {how}");
            }
        }

        return names.Count;
    }

    private static string YesNo(bool value) => value ? "yes" : "no";
}
