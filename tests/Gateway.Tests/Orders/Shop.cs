using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GrainMarket.Gateway.Tests.Catalog;
using GrainMarket.Gateway.Tests.Support;
using Npgsql;

namespace GrainMarket.Gateway.Tests.Orders;

/// <summary>Sellers, products, funded buyers and checkouts through the public API, plus reads of the books for assertions.</summary>
public sealed class Shop(GatewayFactory factory)
{
    public static readonly object Address = new { line1 = "1 Market Street", city = "Springfield", region = "IL", postalCode = "62701", country = "US" };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async Task<Guid> CategoryAsync()
    {
        using var admin = await TestUsers.AdminAsync(factory);
        return await CatalogSeed.CategoryAsync(admin);
    }

    public async Task<TestUser> BuyerAsync(long funds)
    {
        var buyer = await TestUsers.CreateAsync(factory, "buyer");
        if (funds > 0)
        {
            using var admin = await TestUsers.AdminAsync(factory);
            using var credited = await admin.Client.SendAsync(Post($"/api/admin/wallets/{buyer.Id}/credits", new { amount = funds, reason = "test funds" }, Guid.NewGuid().ToString()), Ct);
            await Json.ReadAsync(credited);
        }

        return buyer;
    }

    public static HttpRequestMessage Post(string path, object body, string? idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return request;
    }

    public static async Task<HttpResponseMessage> BuyNowAsync(TestUser buyer, Guid productId, int quantity, string? key = null) =>
        await buyer.Client.SendAsync(Post("/api/checkout/buy-now", new { productId, quantity, shippingAddress = Address }, key ?? Guid.NewGuid().ToString()), Ct);

    public static async Task<HttpResponseMessage> CheckoutAsync(TestUser buyer, string? key = null) =>
        await buyer.Client.SendAsync(Post("/api/checkout", new { shippingAddress = Address }, key ?? Guid.NewGuid().ToString()), Ct);

    public static async Task<JsonElement> WalletAsync(TestUser user) => await Json.ReadAsync(await user.Client.GetAsync(new Uri("/api/wallet", UriKind.Relative), Ct));

    /// <summary>The product's line of the admin's inventory summary (a read model), once the stock grain has confirmed every transaction.</summary>
    public async Task<JsonElement> StockAsync(Guid productId)
    {
        await Confirmations.StockAsync(factory, productId);
        using var admin = await TestUsers.AdminAsync(factory);
        var lines = await Json.ReadAsync(await admin.Client.GetAsync(new Uri($"/api/admin/inventory/summary?product_id={productId}", UriKind.Relative), Ct));
        return Assert.Single(lines.EnumerateArray());
    }

    /// <summary>What the ledger says a wallet received for an order, by entry type, once the wallet has confirmed every transaction.</summary>
    public async Task<long> LedgerSumAsync(string walletId, string type, Guid orderId)
    {
        await Confirmations.WalletAsync(factory, walletId);
        // A silo of its own keeps its ledger in its own schema.
        await using var own = factory is IsolatedFactory isolated ? NpgsqlDataSource.Create(IsolatedFactory.ConnectionStringOf(isolated.Schema)) : null;
        var dataSource = own ?? await TestDatabase.GetDataSourceAsync(Ct);
        await using var command = dataSource.CreateCommand("SELECT coalesce(sum(amount), 0)::bigint FROM ledger_entries WHERE wallet_id = $1 AND type = $2 AND reference = $3");
        command.Parameters.Add(new NpgsqlParameter { Value = walletId });
        command.Parameters.Add(new NpgsqlParameter { Value = type });
        command.Parameters.Add(new NpgsqlParameter { Value = $"order:{orderId:N}" });
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }
}
