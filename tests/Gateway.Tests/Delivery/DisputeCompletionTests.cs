using System.Net;
using System.Net.Http.Json;
using GrainMarket.Gateway.Tests.Support;
using GrainMarket.Orders;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans;

namespace GrainMarket.Gateway.Tests.Delivery;

/// <summary>A dispute stops the completion reminder, in a silo of its own whose orders complete one second after delivery.</summary>
public sealed class DisputeCompletionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_disputed_order_does_not_complete_by_itself_while_an_undisputed_one_does()
    {
        var schema = TestDatabase.NewSchemaName();
        await (await TestDatabase.CreateSchemaAsync(schema, migrate: false, Ct)).DisposeAsync();
        try
        {
            await using var factory = await IsolatedFactory.StartAsync(new Dictionary<string, string> { ["GRAINMARKET_ORDER_COMPLETION_DELAY"] = "00:00:01" }, Ct, schema);
            var couriers = new Couriers(factory);
            var (seller, product) = await couriers.SellerAsync(price: 10_000);
            using var _ = seller;
            using var buyer = await couriers.Shop.BuyerAsync(50_000);
            var disputed = await couriers.ReadyOrderAsync(buyer, seller, product, Couriers.Address("IL"));
            var control = await couriers.ReadyOrderAsync(buyer, seller, product, Couriers.Address("IL"));
            foreach (var orderId in new[] { disputed, control })
            {
                await Json.ReadAsync(await seller.Client.PostAsync(new Uri($"/api/orders/{orderId}/ship", UriKind.Relative), null, Ct));
                await Json.ReadAsync(await buyer.Client.PostAsync(new Uri($"/api/orders/{orderId}/confirm-delivery", UriKind.Relative), null, Ct));
            }

            await Json.ReadAsync(await buyer.Client.PostAsJsonAsync($"/api/orders/{disputed}/dispute", new { reason = "Wrong colour." }, Ct));

            // The control completes by its reminder; the disputed order's reminder ticks, finds it disputed and goes.
            await WaitAsync(async () => (await Couriers.OrderAsync(buyer, control)).GetProperty("status").GetString() == "completed", "the control order to complete");
            var grainId = factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IOrderGrain>(disputed).GetGrainId().ToString();
            await using var database = NpgsqlDataSource.Create(IsolatedFactory.ConnectionStringOf(schema));
            await WaitAsync(async () => await RemindersAsync(database, grainId) == 0, "the disputed order's completion reminder to unregister");
            Assert.Equal("disputed", (await Couriers.OrderAsync(buyer, disputed)).GetProperty("status").GetString());
            var wallet = await Orders.Shop.WalletAsync(buyer);
            Assert.Equal(10_000, wallet.GetProperty("held").GetInt64());
            Assert.Equal(50_000 - 10_000, wallet.GetProperty("balance").GetInt64());

            using var admin = await TestUsers.AdminAsync(factory);
            var released = await Json.ReadAsync(await admin.Client.PostAsJsonAsync($"/api/admin/orders/{disputed}/dispute/resolve", new { outcome = "release", note = "Colour matches the listing." }, Ct));
            Assert.Equal("completed", released.GetProperty("status").GetString());
            wallet = await Orders.Shop.WalletAsync(buyer);
            Assert.Equal(0, wallet.GetProperty("held").GetInt64());
            Assert.Equal(50_000 - 20_000, wallet.GetProperty("balance").GetInt64());
            Assert.Equal(2 * (10_000 - 200), (await Orders.Shop.WalletAsync(seller)).GetProperty("available").GetInt64());
        }
        finally
        {
            await TestDatabase.DropSchemaAsync(schema, CancellationToken.None);
        }
    }

    private static async Task<long> RemindersAsync(NpgsqlDataSource database, string grainId)
    {
        await using var command = database.CreateCommand("SELECT count(*) FROM orleansreminderstable WHERE grainid = $1 AND remindername = 'complete'");
        command.Parameters.Add(new NpgsqlParameter { Value = grainId });
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    /// <summary>Polls <paramref name="condition"/> for up to 30 s; the timeout names what was awaited.</summary>
    private static async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        for (var i = 0; i < 300; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100, Ct);
        }

        Assert.Fail($"Timed out after 30 s waiting for {what}.");
    }
}
