using System.Collections.Concurrent;
using System.Globalization;
using GrainMarket.Catalog;
using GrainMarket.Orders;
using GrainMarket.Wallets;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Transactions;

namespace GrainMarket.Bench;

/// <summary>
/// Checkouts of 3-line orders by 64 concurrent buyers over 1,000 products of 50 sellers: through the order grain (one
/// Orleans transaction reserving three product-stock grains, holding the buyer's wallet and writing the order, each
/// participant's read models in the same commit as its state) and, in the same run against the same server, as one
/// Npgsql transaction that locks the product and wallet rows FOR UPDATE, checks, updates them and inserts the order and
/// its ledger entry.
/// Afterwards every product's reserved units are compared with the orders that were acknowledged: oversold must be 0.
/// </summary>
internal static class CheckoutBenchmark
{
    private const int Products = 1_000;
    private const int Sellers = 50;
    private const int Buyers = 64;
    private const int LinesPerOrder = 3;
    private const long Stock = 100_000_000;
    private const long Funds = 1_000_000_000_000;

    private static readonly ShippingAddress Address = new("1 Bench Road", "Benchton", "BE", "1000", "BE");

    public static async Task RunAsync(BenchOptions options)
    {
        var connectionString = BenchDatabase.ConnectionString("checkout");
        var prices = Prices();

        Measurement grain;
        long grainOversold;
        await using (var silo = await BenchSilo.StartAsync(connectionString, GrainCallProfile.AddTo))
        {
            var profile = silo.Services.GetRequiredService<GrainCallProfile>();
            var shop = await GrainShop.OpenAsync(silo.GrainFactory, prices, Buyers);
            grain = await Throughput.MeasureWithLatencyAsync(Buyers, options, shop.Caller, measuring: profile.Reset);
            PrintProfile(profile);
            grainOversold = await shop.OversoldAsync(connectionString);
        }

        await using var dataSource = NpgsqlDataSource.Create(BenchDatabase.BaselineConnectionString(connectionString, Buyers));
        var rows = await RowShop.OpenAsync(dataSource, prices, Buyers);
        var rowLock = await Throughput.MeasureWithLatencyAsync(Buyers, options, rows.Caller);
        var rowOversold = await rows.OversoldAsync(connectionString);

        var ratio = grain.PerSecond / rowLock.PerSecond;
        Console.WriteLine($"{"case",-52} {"orders/s",10} {"p50 ms",8} {"p99 ms",8}");
        Console.WriteLine(Row("order grain (3 stock grains + wallet + order, 1 tx)", grain));
        Console.WriteLine(Row("row-lock Npgsql (FOR UPDATE on products and wallet)", rowLock));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"CPU of the benchmark process per order (measured phase): grain side (the silo) {grain.CpuUsPerOperation:F0} µs, row-lock side (the client) {rowLock.CpuUsPerOperation:F0} µs"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"checkout: grain {grain.PerSecond:F0} orders/s p99 {grain.P99Ms:F1} ms; row-lock {rowLock.PerSecond:F0} orders/s p99 {rowLock.P99Ms:F1} ms; ratio {ratio:F2}; oversold {grainOversold + rowOversold}"));
    }

    /// <summary>The products' prices, the same on both sides.</summary>
    public static long[] Prices() => [.. Enumerable.Range(0, Products).Select(i => 100L + (i * 37 % 4_900))];

    public static string Row(string name, Measurement m) =>
        string.Create(CultureInfo.InvariantCulture, $"{name,-52} {m.PerSecond,10:N0} {m.P50Ms,8:F1} {m.P99Ms,8:F1}");

    /// <summary>
    /// The grain side: 1,000 products of 50 sellers and funded buyers on a silo; a caller checks out as its own buyer
    /// (caller i is buyer i). Every acknowledged order's lines are counted, and so are the orders whose outcome was
    /// unknown once their grain shows them placed.
    /// </summary>
    public sealed class GrainShop
    {
        private readonly IGrainFactory _grains;
        private readonly Guid[] _products;
        private readonly Guid[] _buyers;
        private readonly ConcurrentDictionary<Guid, long> _sold = new();
        private readonly ConcurrentBag<(Guid OrderId, List<CartLine> Lines)> _unknown = [];

        private GrainShop(IGrainFactory grains, Guid[] products, Guid[] buyers) => (_grains, _products, _buyers) = (grains, products, buyers);

        public static async Task<GrainShop> OpenAsync(IGrainFactory grains, long[] prices, int buyers)
        {
            var products = await SeedGrainsAsync(grains, prices);
            var ids = Enumerable.Range(0, buyers).Select(_ => Guid.NewGuid()).ToArray();
            await Task.WhenAll(ids.Select(b => grains.GetGrain<IWalletGrain>(WalletKeys.ForUser(b)).CreditAsync($"bench:{b:N}", LedgerEntryTypes.Adjustment, Funds, "bench funds")));
            return new GrainShop(grains, products, ids);
        }

        public Func<Task> Caller(int caller)
        {
            var random = new Random(caller);
            return async () =>
            {
                var orderId = Guid.NewGuid();
                var lines = PickLines(random).Select(i => new CartLine(_products[i], 1)).ToList();
                try
                {
                    var placed = await _grains.GetGrain<IOrderGrain>(orderId).PlaceAsync(new PlaceOrder(_buyers[caller], lines, Address));
                    if (!placed.Succeeded)
                    {
                        throw new InvalidOperationException($"A bench checkout was refused: {placed.Error!.Code} {placed.Error.Detail}");
                    }

                    Tally(_sold, lines);
                }
                catch (OrleansTransactionException)
                {
                    // Contention beyond the order grain's retries, or an outcome in doubt: counted by what the order grain says afterwards.
                    _unknown.Add((orderId, lines));
                }
            };
        }

        /// <summary>Units whose reservation differs from the acknowledged orders' lines (every phase so far included).</summary>
        public async Task<long> OversoldAsync(string connectionString)
        {
            foreach (var (orderId, lines) in _unknown)
            {
                if (await _grains.GetGrain<IOrderGrain>(orderId).GetAsync() is not null)
                {
                    Tally(_sold, lines);
                }
            }

            Console.WriteLine($"checkouts not acknowledged (aborted or in doubt, then checked): {_unknown.Count:N0}");
            _unknown.Clear();
            return await CheckoutBenchmark.OversoldAsync(connectionString, "SELECT product_id, reserved FROM product_stock WHERE product_id = ANY($1)", _products, _sold);
        }
    }

    /// <summary>The row-lock side: the same products and buyers as rows, and one Npgsql transaction per checkout.</summary>
    public sealed class RowShop
    {
        private readonly NpgsqlDataSource _dataSource;
        private readonly long[] _prices;
        private readonly Guid[] _ids = [.. Enumerable.Range(0, Products).Select(RowProductId)];
        private readonly ConcurrentDictionary<Guid, long> _sold = new();

        private RowShop(NpgsqlDataSource dataSource, long[] prices) => (_dataSource, _prices) = (dataSource, prices);

        public static async Task<RowShop> OpenAsync(NpgsqlDataSource dataSource, long[] prices, int buyers)
        {
            await PrepareRowsAsync(dataSource, prices, buyers);
            return new RowShop(dataSource, prices);
        }

        public Func<Task> Caller(int caller)
        {
            var random = new Random(caller);
            return async () =>
            {
                var picked = PickLines(random);
                await RowLockCheckoutAsync(_dataSource, caller, picked, _prices);
                foreach (var i in picked)
                {
                    _sold.AddOrUpdate(_ids[i], 1, (_, n) => n + 1);
                }
            };
        }

        public Task<long> OversoldAsync(string connectionString) =>
            CheckoutBenchmark.OversoldAsync(connectionString, "SELECT id, reserved FROM bench_products WHERE id = ANY($1)", _ids, _sold);
    }

    /// <summary>Where an order's time went in the measured phase: the calls its grains received (Orleans' transaction protocol included).</summary>
    private static void PrintProfile(GrainCallProfile profile)
    {
        Console.WriteLine("grain methods in the measured phase (an incoming grain call filter): calls, errors, p50 and p99");
        Console.WriteLine($"  {"grain method",-48} {"calls",10} {"errors",7} {"p50 ms",8} {"p99 ms",8}");
        foreach (var (method, count, errors, p50, p99) in profile.Snapshot("order", "product-stock", "wallet", "product"))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {method,-48} {count,10:N0} {errors,7:N0} {p50,8:F2} {p99,8:F2}"));
        }
    }

    private static void Tally(ConcurrentDictionary<Guid, long> sold, List<CartLine> lines)
    {
        foreach (var line in lines)
        {
            sold.AddOrUpdate(line.ProductId, 1, (_, n) => n + 1);
        }
    }

    /// <summary>Three different products, seeded per buyer so both sides see the same mix.</summary>
    private static int[] PickLines(Random random)
    {
        var picked = new HashSet<int>();
        while (picked.Count < LinesPerOrder)
        {
            picked.Add(random.Next(Products));
        }

        return [.. picked];
    }

    private static async Task<Guid[]> SeedGrainsAsync(IGrainFactory grains, long[] prices)
    {
        var category = await grains.GetGrain<ICategoryTreeGrain>("all").CreateAsync($"bench-{Guid.NewGuid():N}", null);
        var sellers = Enumerable.Range(0, Sellers).Select(_ => Guid.NewGuid()).ToArray();
        var products = Enumerable.Range(0, Products).Select(_ => Guid.NewGuid()).ToArray();
        foreach (var chunk in Enumerable.Range(0, Products).Chunk(50))
        {
            await Task.WhenAll(chunk.Select(async i =>
            {
                var created = await grains.GetGrain<IProductGrain>(products[i])
                    .CreateAsync(new NewProduct(sellers[i % Sellers], $"Bench product {i}", "A product of the checkout benchmark.", category.Value!.Id, prices[i], Stock, []));
                if (!created.Succeeded)
                {
                    throw new InvalidOperationException($"Seeding product {i} failed: {created.Error!.Detail}");
                }
            }));
        }

        return products;
    }

    private static Guid RowProductId(int index) => new(index, 0, 0, new byte[8]);

    private static async Task PrepareRowsAsync(NpgsqlDataSource dataSource, long[] prices, int buyers)
    {
        await using var batch = dataSource.CreateBatch();
        foreach (var sql in new[]
        {
            "DROP TABLE IF EXISTS bench_products, bench_wallets, bench_orders, bench_ledger",
            "CREATE TABLE bench_products (id uuid PRIMARY KEY, seller int NOT NULL, price bigint NOT NULL, available bigint NOT NULL CHECK (available >= 0), reserved bigint NOT NULL)",
            "CREATE TABLE bench_wallets (id int PRIMARY KEY, available bigint NOT NULL CHECK (available >= 0), held bigint NOT NULL)",
            "CREATE TABLE bench_orders (id uuid PRIMARY KEY, buyer int NOT NULL, total bigint NOT NULL, lines jsonb NOT NULL, status text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())",
            "CREATE TABLE bench_ledger (wallet int NOT NULL, order_id uuid NOT NULL, type text NOT NULL, amount bigint NOT NULL, at timestamptz NOT NULL DEFAULT now())",
            $"INSERT INTO bench_wallets SELECT g, {Funds.ToString(CultureInfo.InvariantCulture)}, 0 FROM generate_series(0, {buyers - 1}) g",
        })
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(sql));
        }

        var insert = new NpgsqlBatchCommand("INSERT INTO bench_products SELECT ids.id, ids.n % $3, p.price, $4, 0 FROM unnest($1::uuid[]) WITH ORDINALITY ids(id, n) JOIN unnest($2::bigint[]) WITH ORDINALITY p(price, n) USING (n)");
        insert.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. Enumerable.Range(0, Products).Select(RowProductId)] });
        insert.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = prices });
        insert.Parameters.Add(new NpgsqlParameter<int> { TypedValue = Sellers });
        insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = Stock });
        batch.BatchCommands.Add(insert);
        await batch.ExecuteNonQueryAsync();
    }

    /// <summary>What a shop without grains does: lock the lines' products (in key order) and the wallet, check both, reserve, hold, insert.</summary>
    private static async Task RowLockCheckoutAsync(NpgsqlDataSource dataSource, int buyer, int[] picked, long[] prices)
    {
        var ids = picked.Select(RowProductId).Order().ToArray();
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        long total = 0;
        await using (var select = new NpgsqlCommand("SELECT id, price, available FROM bench_products WHERE id = ANY($1) ORDER BY id FOR UPDATE", connection, transaction))
        {
            select.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = ids });
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                if (reader.GetInt64(2) < 1)
                {
                    throw new InvalidOperationException("A bench product ran out of stock.");
                }

                total += reader.GetInt64(1);
            }
        }

        await using (var wallet = new NpgsqlCommand("SELECT available FROM bench_wallets WHERE id = $1 FOR UPDATE", connection, transaction))
        {
            wallet.Parameters.Add(new NpgsqlParameter<int> { TypedValue = buyer });
            if ((long)(await wallet.ExecuteScalarAsync())! < total)
            {
                throw new InvalidOperationException("A bench wallet ran dry.");
            }
        }

        var orderId = Guid.NewGuid();
        await using var write = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("UPDATE bench_products SET available = available - 1, reserved = reserved + 1 WHERE id = ANY($1)") { Parameters = { new NpgsqlParameter<Guid[]> { TypedValue = ids } } },
                new NpgsqlBatchCommand("UPDATE bench_wallets SET available = available - $2, held = held + $2 WHERE id = $1") { Parameters = { new NpgsqlParameter<int> { TypedValue = buyer }, new NpgsqlParameter<long> { TypedValue = total } } },
                new NpgsqlBatchCommand("INSERT INTO bench_orders (id, buyer, total, lines, status) VALUES ($1, $2, $3, $4::jsonb, 'placed')")
                {
                    Parameters =
                    {
                        new NpgsqlParameter<Guid> { TypedValue = orderId },
                        new NpgsqlParameter<int> { TypedValue = buyer },
                        new NpgsqlParameter<long> { TypedValue = total },
                        new NpgsqlParameter<string> { TypedValue = System.Text.Json.JsonSerializer.Serialize(ids) },
                    },
                },
                new NpgsqlBatchCommand("INSERT INTO bench_ledger (wallet, order_id, type, amount) VALUES ($1, $2, 'HOLD', $3)")
                {
                    Parameters = { new NpgsqlParameter<int> { TypedValue = buyer }, new NpgsqlParameter<Guid> { TypedValue = orderId }, new NpgsqlParameter<long> { TypedValue = total } },
                },
            },
        };
        await write.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }

    /// <summary>Units whose reservation does not match the acknowledged orders' lines, either way (warm-up included on both sides).</summary>
    private static async Task<long> OversoldAsync(string connectionString, string sql, Guid[] products, ConcurrentDictionary<Guid, long> acknowledged)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = products });
        long oversold = 0;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var reserved = reader.GetInt64(1);
            var expected = acknowledged.GetValueOrDefault(reader.GetGuid(0));
            oversold += Math.Max(0, reserved - expected) + Math.Max(0, expected - reserved);
        }

        return oversold;
    }
}
