using Npgsql;

namespace GrainMarket.Chaos;

/// <summary>
/// The checks after the quiet period, against what the client saw acknowledged and what PostgreSQL holds: money
/// conserved (and every held unit of money belongs to a live order or a pending withdrawal), stock conserved (and every
/// reserved unit belongs to a live order, every sold unit to a completed one) — both as the admin's audit
/// (<c>GET /api/admin/audit</c>) answers them —, what came in equal to what the run credited, one winner's order per sold
/// auction at its price, nothing acknowledged lost (orders, steps, withdrawals, bids), nothing applied twice.
/// </summary>
internal static class Checks
{
    private const string LiveStatuses = "('placed', 'processing', 'shipped', 'out-for-delivery', 'delivered', 'disputed')";

    public static async Task<Verdict> RunAsync(Gateway gateway, Seed seed, Workload workload, string connectionString, long fundedIn)
    {
        var problems = new List<string>();
        var random = new Random(1);
        await using var db = NpgsqlDataSource.Create(connectionString);

        // Money and stock: the admin's audit, so that the chaos run and GET /api/admin/audit can never disagree on what
        // conserved means (ledger balances, money conserved, held money owned, stock conserved, reserved and sold owned).
        var (status, audit) = await gateway.RetryAsync(random, HttpMethod.Get, "/api/admin/audit", null, seed.Admin.Token, null);
        var failed = status == 200
            ? audit.GetProperty("checks").EnumerateArray().Where(c => !c.GetProperty("passed").GetBoolean()).ToList()
            : [];
        if (status != 200)
        {
            problems.Add($"audit: HTTP {status}");
        }

        foreach (var check in failed)
        {
            problems.Add($"audit {check.GetProperty("name").GetString()}: expected {check.GetProperty("expected").GetInt64()}, actual {check.GetProperty("actual").GetInt64()}, "
                + $"{check.GetProperty("offenders").GetInt64()} rows differ: {string.Join("; ", check.GetProperty("details").EnumerateArray().Select(d => d.ToString()))}");
        }

        var money = status == 200 && !failed.Any(c => c.GetProperty("name").GetString() is "ledger-balances" or "money-conserved" or "escrow-owned");
        var stock = status == 200 && !failed.Any(c => c.GetProperty("name").GetString() is "stock-conserved" or "stock-reserved" or "stock-sold");
        var books = status == 200 ? audit.GetProperty("books") : default;
        // Card payments enter as TOPUP: every acknowledged one, and perhaps those whose webhook had no known outcome.
        var externalIn = status == 200 ? books.GetProperty("externalIn").GetInt64() : -1;
        var paidIn = fundedIn + (workload.Cards?.Paid.Values.Sum() ?? 0);
        if (externalIn < paidIn || externalIn > paidIn + (workload.Cards?.Uncertain ?? 0))
        {
            money = false;
            problems.Add($"external in is {externalIn}, but {fundedIn} was credited and {paidIn - fundedIn} paid by card (and up to {workload.Cards?.Uncertain ?? 0} more)");
        }

        var externalOut = status == 200 ? books.GetProperty("externalOut").GetInt64() : -1;
        var acknowledgedOut = workload.ApprovedWithdrawals.Values.Sum();
        if (externalOut < acknowledgedOut)
        {
            money = false;
            problems.Add($"external out is {externalOut}, less than the {acknowledgedOut} of acknowledged withdrawals");
        }

        if (!money || !stock)
        {
            problems.AddRange(await UnbackedOrdersAsync(db));
        }

        // Nothing acknowledged lost: every order exists, and a step seen acknowledged as final stayed.
        long lost = 0;
        foreach (var order in workload.Orders.Values)
        {
            var (found, body) = await gateway.RetryAsync(random, HttpMethod.Get, $"/api/orders/{order.Id}", null, seed.Admin.Token, null);
            var actual = found == 200 ? body.GetProperty("status").GetString() : null;
            if (actual is null || (order.Status is "cancelled" or "completed" && actual != order.Status) || Rank(actual) < Rank(order.Status))
            {
                lost++;
                problems.Add($"order {order.Id}: acknowledged {order.Status}, now {actual ?? $"HTTP {found}"}");
            }
        }

        foreach (var withdrawal in workload.ApprovedWithdrawals.Keys)
        {
            if (await ScalarAsync(db, "SELECT count(*) FROM withdrawals WHERE id = $1 AND status = 'approved'", withdrawal) != 1)
            {
                lost++;
                problems.Add($"withdrawal {withdrawal} was acknowledged approved but is not");
            }
        }

        // A card checkout whose payment a gateway acknowledged was placed (and may have moved on since).
        foreach (var orderId in workload.Cards?.Paid.Keys ?? [])
        {
            var (found, body) = await gateway.RetryAsync(random, HttpMethod.Get, $"/api/orders/{orderId}", null, seed.Admin.Token, null);
            if (found != 200 || body.GetProperty("status").GetString() is "awaiting-payment" or "cancelled")
            {
                lost++;
                problems.Add($"card order {orderId}: its payment was acknowledged, but it is {(found == 200 ? body.GetProperty("status").GetString() : $"HTTP {found}")}");
            }
        }

        // Nothing applied twice: one hold per order, one order per retried key, one TOPUP per card payment.
        var doubleHolds = await DoubleOrderHoldsAsync(db);
        problems.AddRange(doubleHolds.Take(5));
        problems.AddRange(workload.DuplicateNotes.Take(5));
        var duplicated = workload.Duplicated + doubleHolds.Count
            + await ScalarAsync(db, "SELECT count(*) FROM (SELECT reference FROM ledger_entries WHERE type = 'TOPUP' AND reference LIKE 'payment:%' GROUP BY reference HAVING count(*) > 1) d");
        if (duplicated > 0)
        {
            problems.Add($"{duplicated} effects were applied twice");
        }

        // Auctions: a sold one has exactly one order, for its winner at its price; an unsold one has none. Every
        // acknowledged bid is remembered: the auction holds its bidder's maximum at least that high, and ended at a
        // price no lower than the one the bid's acknowledgement reported (a leader's bid raises their maximum, not the
        // price, so the price it reports may be below the amount bid).
        var singleWinner = true;
        var finalPrices = new Dictionary<Guid, long>();
        foreach (var auction in seed.Auctions)
        {
            var (found, view) = await gateway.RetryAsync(random, HttpMethod.Get, $"/api/auctions/{auction}", null, seed.Admin.Token, null);
            var state = found == 200 ? view.GetProperty("status").GetString() : $"HTTP {found}";
            var orders = new List<(Guid Buyer, long Total)>();
            await using (var command = db.CreateCommand("SELECT buyer_id, total FROM orders WHERE auction_id = $1"))
            {
                command.Parameters.Add(new NpgsqlParameter { Value = auction });
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    orders.Add((reader.GetGuid(0), reader.GetInt64(1)));
                }
            }

            duplicated += Math.Max(0, orders.Count - 1);
            var price = found == 200 ? view.GetProperty("currentPrice").GetInt64() : -1;
            finalPrices[auction] = price;
            var fine = state switch
            {
                "closed" => orders.Count == 1 && orders[0].Total == price && orders[0].Buyer == view.GetProperty("winnerId").GetGuid(),
                "ended-unsold" => orders.Count == 0,
                _ => false,
            };
            if (!fine)
            {
                singleWinner = false;
                problems.Add($"auction {auction}: {state} at {price}, with orders {string.Join(", ", orders.Select(o => $"{o.Buyer} for {o.Total}"))}");
            }
        }

        foreach (var bid in workload.Bids)
        {
            var bidder = seed.Buyers[bid.Buyer].Id;
            var remembered = await ScalarAsync(db, "SELECT coalesce((SELECT max_amount FROM auction_bidders WHERE auction_id = $1 AND bidder_id = $2), 0)", bid.Auction, bidder);
            var asked = bid.MaxAmount ?? bid.Amount;
            if (remembered < asked || finalPrices.GetValueOrDefault(bid.Auction) < bid.Price)
            {
                lost++;
                problems.Add($"bid {bid.BidId} of {bidder} on {bid.Auction}: acknowledged {bid.Amount} (max {asked}) at a price of {bid.Price}, but the auction remembers a maximum of {remembered} and ended at {finalPrices.GetValueOrDefault(bid.Auction)}");
            }
        }

        if (workload.Returns is { } returns)
        {
            var (returnsLost, returnsDuplicated) = await ReturnChecks.RunAsync(gateway, seed, returns, db, problems);
            (lost, duplicated) = (lost + returnsLost, duplicated + returnsDuplicated);
        }

        if (workload.Ads is { } ads)
        {
            var (adsLost, adsDuplicated) = await ads.CheckAsync(db, problems);
            (lost, duplicated) = (lost + adsLost, duplicated + adsDuplicated);
        }

        return new Verdict(money, stock, singleWinner, lost, duplicated, problems);
    }

    /// <summary>
    /// Every live checkout order whose buyer's ledger does not show its hold (<c>order:&lt;id&gt;:hold</c>) as placed and
    /// never resolved: the orders behind a money mismatch, to look for in the silo logs. (Stock reservations are in the
    /// product grains' state only; a stock mismatch names its product above.)
    /// </summary>
    /// <summary>
    /// Wallets that hold money twice for one order. An order's reference also names, once each by their own hold ids,
    /// the platform's coupon subsidy and each payer's commission at completion (held and captured at once): those are
    /// not a second payment hold.
    /// </summary>
    private static async Task<List<string>> DoubleOrderHoldsAsync(NpgsqlDataSource db)
    {
        var found = new List<string>();
        await using var command = db.CreateCommand("""
            SELECT wallet_id, reference, string_agg(operation_id, ', ' ORDER BY sequence) FROM ledger_entries
            WHERE type = 'HOLD' AND reference LIKE 'order:%'
              AND operation_id NOT LIKE '%:coupon' AND operation_id NOT LIKE '%:commission:%'
            GROUP BY wallet_id, reference HAVING count(*) > 1
            """);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            found.Add($"wallet {reader.GetString(0)} holds twice for {reader.GetString(1)}: {reader.GetString(2)}");
        }

        return found;
    }

    private static async Task<List<string>> UnbackedOrdersAsync(NpgsqlDataSource db)
    {
        var found = new List<string>();
        await using var command = db.CreateCommand($"""
            SELECT o.id, o.status,
                   (SELECT string_agg(e.type, ',' ORDER BY e.sequence) FROM ledger_entries e
                    WHERE e.wallet_id = o.buyer_id::text
                      AND e.operation_id LIKE '%:order:' || replace(o.id::text, '-', '') || ':hold%')
            FROM orders o
            WHERE o.auction_id IS NULL AND o.status IN {LiveStatuses}
            """);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var entries = reader.IsDBNull(2) ? "none" : reader.GetString(2);
            if (entries != "HOLD")
            {
                found.Add($"order {reader.GetGuid(0)} is {reader.GetString(1)}, but its buyer's ledger shows {entries} for its hold");
            }
        }

        return found;
    }

    /// <summary>
    /// How far an order has come. A dispute ranks with delivery: its release passes through delivered on the way to
    /// completed (and stays delivered until the completion commits), so neither is behind the other.
    /// </summary>
    private static int Rank(string status) => status switch
    {
        "placed" => 0,
        "processing" => 1,
        "shipped" => 2,
        "out-for-delivery" => 3,
        "delivered" or "disputed" => 4,
        _ => 5,
    };

    private static async Task<long> ScalarAsync(NpgsqlDataSource db, string sql, params object[] values)
    {
        await using var command = db.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
