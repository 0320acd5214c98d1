using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GrainMarket.Gateway.Tests.Catalog;
using GrainMarket.Gateway.Tests.Orders;
using GrainMarket.Gateway.Tests.Support;
using GrainMarket.Inventory;
using GrainMarket.Wallets;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans;

namespace GrainMarket.Gateway.Tests.Returns;

/// <summary>
/// One seller's product, a funded buyer, a courier and the admin, with the steps of an order and of its returns
/// through the public API, and reads of the books for exact assertions: on the shared silo, or on a silo in a schema
/// of its own (<see cref="OpenIsolatedAsync"/>), whose platform wallet and audit totals are the test's alone.
/// </summary>
public sealed class ReturnDesk : IAsyncDisposable
{
    private readonly string? _schema;

    private ReturnDesk(GatewayFactory factory, NpgsqlDataSource database, string? schema, TestUser seller, TestUser buyer, TestUser courier, TestUser admin, Guid productId)
    {
        (Factory, Database, _schema, Seller, Buyer, Courier, Admin, ProductId) = (factory, database, schema, seller, buyer, courier, admin, productId);
    }

    /// <summary>The database the silo writes: to wait for confirmations and read the ledger.</summary>
    public NpgsqlDataSource Database { get; }

    public GatewayFactory Factory { get; }

    public TestUser Seller { get; }

    public TestUser Buyer { get; }

    public TestUser Courier { get; }

    public TestUser Admin { get; }

    public Guid ProductId { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<ReturnDesk> OpenAsync(GatewayFactory factory, long price, long stock, long funds) =>
        await OpenAsync(factory, await TestDatabase.GetDataSourceAsync(Ct), null, price, stock, funds);

    /// <summary>A desk on a silo of its own with <paramref name="settings"/>, in a schema dropped when the desk is disposed.</summary>
    public static async Task<ReturnDesk> OpenIsolatedAsync(IReadOnlyDictionary<string, string> settings, long price, long stock, long funds)
    {
        var schema = TestDatabase.NewSchemaName();
        var database = await TestDatabase.CreateSchemaAsync(schema, migrate: false, Ct);
        return await OpenAsync(await IsolatedFactory.StartAsync(settings, Ct, schema), database, schema, price, stock, funds);
    }

    private static async Task<ReturnDesk> OpenAsync(GatewayFactory factory, NpgsqlDataSource database, string? schema, long price, long stock, long funds)
    {
        var shop = new Shop(factory);
        var seller = await TestUsers.CreateAsync(factory, "seller");
        var product = await CatalogSeed.ProductIdAsync(seller, await shop.CategoryAsync(), price: price, stock: stock);
        return new ReturnDesk(factory, database, schema, seller, await shop.BuyerAsync(funds), await TestUsers.CreateAsync(factory, "courier"), await TestUsers.AdminAsync(factory), product);
    }

    /// <summary>Buys <paramref name="quantity"/> units and has the order accepted, shipped and delivered (by an admin).</summary>
    public async Task<Guid> DeliveredOrderAsync(int quantity)
    {
        var orderId = (await Json.ReadAsync(await Shop.BuyNowAsync(Buyer, ProductId, quantity), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await StepAsync(Seller, $"/api/orders/{orderId}/accept");
        await StepAsync(Seller, $"/api/orders/{orderId}/ship");
        await StepAsync(Admin, $"/api/orders/{orderId}/deliver");
        return orderId;
    }

    public Task<HttpResponseMessage> RequestAsync(Guid orderId, int quantity, string? key = null, Guid? productId = null) =>
        Buyer.Client.SendAsync(Shop.Post("/api/returns", new { orderId, lines = new[] { new { productId = productId ?? ProductId, quantity } }, reason = "It does not fit.", photoUrls = new[] { "https://img.grainmarket.test/return.jpg" } }, key ?? Guid.NewGuid().ToString()), Ct);

    public async Task<Guid> RequestedAsync(Guid orderId, int quantity) =>
        (await Json.ReadAsync(await RequestAsync(orderId, quantity), HttpStatusCode.Created)).GetProperty("id").GetGuid();

    /// <summary>Approved by the seller, picked up by the courier, received by the seller, inspected by the courier.</summary>
    public async Task InspectedAsync(Guid returnId, params string[] conditions)
    {
        await StepAsync(Seller, $"/api/returns/{returnId}/approve");
        await StepAsync(Courier, $"/api/returns/{returnId}/pickup");
        await StepAsync(Seller, $"/api/returns/{returnId}/receive");
        await StepAsync(Courier, $"/api/returns/{returnId}/inspection", new { units = conditions.Select(condition => new { productId = ProductId, condition }) });
    }

    public Task<HttpResponseMessage> DecideAsync(Guid returnId, string outcome, bool sellerAtFault = false) =>
        Admin.Client.PostAsJsonAsync($"/api/returns/{returnId}/decision", new { outcome, sellerAtFault }, Ct);

    public static async Task<JsonElement> StepAsync(TestUser user, string path, object? body = null) =>
        await Json.ReadAsync(body is null ? await user.Client.PostAsync(new Uri(path, UriKind.Relative), null, Ct) : await user.Client.PostAsJsonAsync(path, body, Ct));

    /// <summary>(available, held) of a wallet (a user id or <c>platform</c>), from its grain.</summary>
    public async Task<(long Available, long Held)> WalletAsync(string walletId)
    {
        var balance = await Grains.GetGrain<IWalletGrain>(walletId).GetBalanceAsync();
        return (balance.Available, balance.Held);
    }

    public Task<(long Available, long Held)> WalletAsync(TestUser user) => WalletAsync(user.Id.ToString());

    /// <summary>(received, available, reserved, sold, written off) of the product, from its grain.</summary>
    public async Task<(long Received, long Available, long Reserved, long Sold, long WrittenOff)> StockAsync()
    {
        var levels = await Grains.GetGrain<IProductStockGrain>(ProductId).GetAsync();
        return (levels.Received, levels.Available, levels.Reserved, levels.Sold, levels.WrittenOff);
    }

    /// <summary>What a wallet's ledger says of entries of <paramref name="type"/> with <paramref name="reference"/>, once the wallet has confirmed every transaction.</summary>
    public async Task<long> LedgerSumAsync(string walletId, string type, string reference)
    {
        await StoredState.ConfirmedAsync(Database, Grains.GetGrain<IWalletGrain>(walletId).GetGrainId(), "wallet", Ct);
        await using var command = Database.CreateCommand("SELECT coalesce(sum(amount), 0)::bigint FROM ledger_entries WHERE wallet_id = $1 AND type = $2 AND reference = $3");
        command.Parameters.Add(new NpgsqlParameter { Value = walletId });
        command.Parameters.Add(new NpgsqlParameter { Value = type });
        command.Parameters.Add(new NpgsqlParameter { Value = reference });
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    public async Task<JsonElement> AuditAsync() => await Json.ReadAsync(await Admin.Client.GetAsync(new Uri("/api/admin/audit", UriKind.Relative), Ct));

    /// <summary>Asserts the audit answers yes, and each named check's expected and actual totals.</summary>
    public static void AssertAudit(JsonElement audit, params (string Name, long Total)[] totals)
    {
        Assert.True(audit.GetProperty("consistent").GetBoolean(), audit.ToString());
        foreach (var (name, total) in totals)
        {
            var check = audit.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
            Assert.Equal((name, total, total), (name, check.GetProperty("expected").GetInt64(), check.GetProperty("actual").GetInt64()));
        }
    }

    public static async Task<IReadOnlyList<string>> NotificationIdsAsync(TestUser user)
    {
        var page = await Json.ReadAsync(await user.Client.GetAsync(new Uri("/api/notifications?limit=100", UriKind.Relative), Ct));
        return [.. page.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("id").GetString()!)];
    }

    public async ValueTask DisposeAsync()
    {
        Seller.Dispose();
        Buyer.Dispose();
        Courier.Dispose();
        Admin.Dispose();
        if (_schema is not null)
        {
            await Factory.DisposeAsync();
            await Database.DisposeAsync();
            NpgsqlConnection.ClearAllPools();
            await TestDatabase.DropSchemaAsync(_schema, CancellationToken.None);
        }
    }

    private IGrainFactory Grains => Factory.Services.GetRequiredService<IGrainFactory>();
}
