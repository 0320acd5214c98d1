using System.Net;
using System.Text.Json;
using GrainMarket.Gateway.Tests.Auctions;
using GrainMarket.Gateway.Tests.Catalog;
using GrainMarket.Gateway.Tests.Orders;
using GrainMarket.Gateway.Tests.Support;
using GrainMarket.Inventory;
using GrainMarket.Orders;
using GrainMarket.Wallets;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans;

namespace GrainMarket.Gateway.Tests.Operations;

/// <summary>
/// <c>GET /api/admin/audit</c> on a silo in a schema of its own, so that every total is this test's: a buyer funded
/// with 50,000, one live order (2 × 10,000), one cancelled and one completed (1 × 10,000 each, 2% fee), and a bid of
/// 3,000 on a running auction, which holds it.
/// </summary>
public sealed class AuditTests
{
    private static readonly string[] CheckNames = ["ledger-balances", "money-conserved", "escrow-owned", "stock-conserved", "stock-reserved", "stock-sold"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_audit_answers_yes_with_every_total_on_a_consistent_database()
    {
        await using var market = await AuditedMarket.StartAsync();
        var audit = await market.AuditAsync();

        Assert.True(audit.GetProperty("consistent").GetBoolean(), audit.ToString());
        Assert.Equal(CheckNames, audit.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        AssertCheck(audit, "ledger-balances", passed: true, expected: 50_000, actual: 50_000);
        AssertCheck(audit, "money-conserved", passed: true, expected: 50_000, actual: 50_000);
        AssertCheck(audit, "escrow-owned", passed: true, expected: 23_000, actual: 23_000);
        AssertCheck(audit, "stock-conserved", passed: true, expected: 5, actual: 5);
        AssertCheck(audit, "stock-reserved", passed: true, expected: 2, actual: 2);
        AssertCheck(audit, "stock-sold", passed: true, expected: 1, actual: 1);
        Assert.Equal((50_000, 23_000), (audit.GetProperty("books").GetProperty("externalIn").GetInt64(), audit.GetProperty("books").GetProperty("heldTotal").GetInt64()));
    }

    [Fact]
    public async Task The_audit_names_the_wallet_and_the_product_whose_rows_were_tampered_with_and_by_how_much()
    {
        await using var market = await AuditedMarket.StartAsync();
        var buyer = market.BuyerId.ToString();

        // The buyer's credit of 50,000 now says 50,007: their ledger adds up to 7 more available than their balance.
        await market.ExecuteAsync("UPDATE ledger_entries SET amount = amount + 7 WHERE wallet_id = $1 AND type = 'ADJUSTMENT'", buyer);
        var audit = await market.AuditAsync();
        Assert.False(audit.GetProperty("consistent").GetBoolean());
        var ledger = AssertCheck(audit, "ledger-balances", passed: false, expected: 50_007, actual: 50_000);
        var difference = Assert.Single(ledger.GetProperty("details").EnumerateArray());
        Assert.Equal((buyer, "available", 17_007L, 17_000L, -7L), Row(difference));
        Assert.All(CheckNames.Skip(1), name => AssertCheck(audit, name, passed: true));

        // Put back, and one unit moved from available to reserved: conserved still, but no live order reserved it.
        await market.ExecuteAsync("UPDATE ledger_entries SET amount = amount - 7 WHERE wallet_id = $1 AND type = 'ADJUSTMENT'", buyer);
        await market.ExecuteAsync("UPDATE product_stock SET reserved = reserved + 1, available = available - 1 WHERE product_id = $1", market.ProductId);
        audit = await market.AuditAsync();
        Assert.False(audit.GetProperty("consistent").GetBoolean());
        var reserved = AssertCheck(audit, "stock-reserved", passed: false, expected: 2, actual: 3);
        Assert.Equal((market.ProductId.ToString(), "reserved", 2L, 3L, 1L), Row(Assert.Single(reserved.GetProperty("details").EnumerateArray())));
        Assert.All(CheckNames.Where(n => n != "stock-reserved"), name => AssertCheck(audit, name, passed: true));

        await market.ExecuteAsync("UPDATE product_stock SET reserved = reserved - 1, available = available + 1 WHERE product_id = $1", market.ProductId);
        Assert.True((await market.AuditAsync()).GetProperty("consistent").GetBoolean());
    }

    private static JsonElement AssertCheck(JsonElement audit, string name, bool passed, long? expected = null, long? actual = null)
    {
        var check = audit.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
        Assert.True(check.GetProperty("passed").GetBoolean() == passed, $"{name} should have {(passed ? "passed" : "failed")}: {check}");
        if (expected is not null)
        {
            Assert.Equal((expected.Value, actual!.Value, actual.Value - expected.Value, passed ? 0 : 1), (check.GetProperty("expected").GetInt64(), check.GetProperty("actual").GetInt64(), check.GetProperty("difference").GetInt64(), check.GetProperty("offenders").GetInt64()));
        }

        return check;
    }

    private static (string?, string?, long, long, long) Row(JsonElement difference) =>
        (difference.GetProperty("subject").GetString(), difference.GetProperty("quantity").GetString(), difference.GetProperty("expected").GetInt64(),
            difference.GetProperty("actual").GetInt64(), difference.GetProperty("difference").GetInt64());

    /// <summary>The isolated silo with the scenario of <see cref="AuditTests"/> played and confirmed, and its schema.</summary>
    private sealed class AuditedMarket : IAsyncDisposable
    {
        private readonly string _schema;
        private readonly NpgsqlDataSource _database;

        private AuditedMarket(string schema, NpgsqlDataSource database, IsolatedFactory factory)
        {
            _schema = schema;
            _database = database;
            Factory = factory;
        }

        public IsolatedFactory Factory { get; }

        public Guid BuyerId { get; private set; }

        public Guid ProductId { get; private set; }

        public static async Task<AuditedMarket> StartAsync()
        {
            var schema = TestDatabase.NewSchemaName();
            var database = await TestDatabase.CreateSchemaAsync(schema, migrate: false, Ct);
            var market = new AuditedMarket(schema, database, await IsolatedFactory.StartAsync(new Dictionary<string, string>(), Ct, schema));
            await market.PlayAsync();
            return market;
        }

        public async Task<JsonElement> AuditAsync()
        {
            using var admin = await TestUsers.AdminAsync(Factory);
            return await Json.ReadAsync(await admin.Client.GetAsync(new Uri("/api/admin/audit", UriKind.Relative), Ct));
        }

        public async Task ExecuteAsync(string sql, object value)
        {
            await using var command = _database.CreateCommand(sql);
            command.Parameters.Add(new NpgsqlParameter { Value = value });
            Assert.Equal(1, await command.ExecuteNonQueryAsync(Ct));
        }

        public async ValueTask DisposeAsync()
        {
            await Factory.DisposeAsync();
            await _database.DisposeAsync();
            NpgsqlConnection.ClearAllPools();
            await TestDatabase.DropSchemaAsync(_schema, CancellationToken.None);
        }

        private async Task PlayAsync()
        {
            var shop = new Shop(Factory);
            using var seller = await TestUsers.CreateAsync(Factory, "seller");
            ProductId = await CatalogSeed.ProductIdAsync(seller, await shop.CategoryAsync(), price: 10_000, stock: 5);
            using var buyer = await shop.BuyerAsync(50_000);
            BuyerId = buyer.Id;
            var live = await BuyAsync(buyer, 2);
            var cancelled = await BuyAsync(buyer, 1);
            await Json.ReadAsync(await buyer.Client.PostAsync(new Uri($"/api/orders/{cancelled}/cancel", UriKind.Relative), null, Ct));
            var completed = await BuyAsync(buyer, 1);
            foreach (var step in new[] { "accept", "ship" })
            {
                await Json.ReadAsync(await seller.Client.PostAsync(new Uri($"/api/orders/{completed}/{step}", UriKind.Relative), null, Ct));
            }

            await Json.ReadAsync(await buyer.Client.PostAsync(new Uri($"/api/orders/{completed}/confirm-delivery", UriKind.Relative), null, Ct));

            await Json.ReadAsync(await buyer.Client.PostAsync(new Uri($"/api/orders/{completed}/complete", UriKind.Relative), null, Ct));
            await AuctionSeed.BidAsync(buyer, await new AuctionSeed(Factory).AuctionAsync(seller), 3_000);

            // Every participant's read-model rows, before the audit reads them (it would wait up to 2 s, but must not need to).
            var grains = Factory.Services.GetRequiredService<IGrainFactory>();
            foreach (var wallet in new[] { BuyerId.ToString(), seller.Id.ToString(), WalletKeys.Platform })
            {
                await StoredState.ConfirmedAsync(_database, grains.GetGrain<IWalletGrain>(wallet).GetGrainId(), "wallet", Ct);
            }

            foreach (var order in new[] { live, cancelled, completed })
            {
                await StoredState.ConfirmedAsync(_database, grains.GetGrain<IOrderGrain>(order).GetGrainId(), "order", Ct);
            }

            await StoredState.ConfirmedAsync(_database, grains.GetGrain<IProductStockGrain>(ProductId).GetGrainId(), "stock", Ct);
        }

        private async Task<Guid> BuyAsync(TestUser buyer, int quantity) =>
            (await Json.ReadAsync(await Shop.BuyNowAsync(buyer, ProductId, quantity), HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }
}
