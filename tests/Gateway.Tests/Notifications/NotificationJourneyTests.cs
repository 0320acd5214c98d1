using System.Net;
using GrainMarket.Gateway.Tests.Catalog;
using GrainMarket.Gateway.Tests.Mail;
using GrainMarket.Gateway.Tests.Orders;
using GrainMarket.Gateway.Tests.Support;
using GrainMarket.Gateway.Tests.Wallets;
using GrainMarket.Silo.Mail;
using Npgsql;

namespace GrainMarket.Gateway.Tests.Notifications;

/// <summary>
/// What an order's and a withdrawal's steps tell whom, in the inbox and by e-mail, as each user chose: a silo of its own
/// (its own schema) that mails over SMTP to an in-process server, with orders completing a second after delivery.
/// </summary>
public sealed class NotificationJourneyTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly TestSmtpServer _smtp = new();
    private IsolatedFactory _factory = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var settings = _smtp.SiloSettings();
        settings["GRAINMARKET_ORDER_COMPLETION_DELAY"] = "00:00:01";
        _factory = await IsolatedFactory.StartAsync(settings, Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task An_orders_lifecycle_notifies_the_buyer_and_the_seller_of_each_step_in_app_and_by_e_mail()
    {
        var (buyer, seller, orderId) = await CompletedOrderAsync(setUp: null);
        using (buyer)
        using (seller)
        {
            Assert.Equal(
                [
                    (Id(orderId, 5, "order-completed"), "order-completed"),
                    (Id(orderId, 4, "order-delivered"), "order-delivered"),
                    (Id(orderId, 3, "order-shipped"), "order-shipped"),
                    (Id(orderId, 2, "order-accepted"), "order-accepted"),
                    (Id(orderId, 1, "order-placed"), "order-placed"),
                ],
                await Inboxes.ListAsync(buyer));
            Assert.Equal(
                [
                    (Id(orderId, 5, "order-completed"), "order-completed"),
                    (Id(orderId, 4, "order-delivered"), "order-delivered"),
                    (Id(orderId, 1, "new-order"), "new-order"),
                ],
                await Inboxes.ListAsync(seller));
            Assert.Equal(["delivered", "feedback-request", "order-confirmation", "payment-receipt", "shipping-update", "welcome"], await OutboxKindsAsync(buyer));
            Assert.Equal(["new-order", "welcome"], await OutboxKindsAsync(seller));
            Assert.Equal(["delivered", "feedback-request", "order-confirmation", "payment-receipt", "shipping-update", "welcome"], Kinds(buyer.Email).Order());

            var placed = (await Inboxes.ItemsAsync(buyer))[^1];
            Assert.StartsWith($"Order {orderId.ToString("N")[..8].ToUpperInvariant()} placed", placed.GetProperty("title").GetString(), StringComparison.Ordinal);
            Assert.Equal($"/api/orders/{orderId}", placed.GetProperty("link").GetString());
        }
    }

    [Fact]
    public async Task Each_users_choices_decide_which_steps_reach_the_inbox_and_which_are_mailed()
    {
        var (buyer, seller, orderId) = await CompletedOrderAsync(async (buyer, seller) =>
        {
            await Inboxes.SetAsync(buyer, new Dictionary<string, string>
            {
                ["order-placed"] = "email",
                ["order-accepted"] = "none",
                ["order-shipped"] = "none",
                ["order-delivered"] = "in-app",
            });
            await Inboxes.SetAsync(seller, new Dictionary<string, string> { ["new-order"] = "none", ["order-delivered"] = "none" });
        });
        using (buyer)
        using (seller)
        {
            Assert.Equal([(Id(orderId, 5, "order-completed"), "order-completed"), (Id(orderId, 4, "order-delivered"), "order-delivered")], await Inboxes.ListAsync(buyer));
            Assert.Equal([(Id(orderId, 5, "order-completed"), "order-completed")], await Inboxes.ListAsync(seller));

            // Placed by e-mail only: its two e-mails and no notification; shipped: nothing; delivered: in-app, no e-mail.
            Assert.Equal(["feedback-request", "order-confirmation", "payment-receipt", "welcome"], await OutboxKindsAsync(buyer));
            Assert.Equal(["welcome"], await OutboxKindsAsync(seller));
        }
    }

    [Fact]
    public async Task A_cancelled_order_tells_the_buyer_and_the_seller_who_cancelled_it()
    {
        var shop = new Shop(_factory);
        using var seller = await TestUsers.CreateAsync(_factory, "seller");
        var product = await CatalogSeed.ProductIdAsync(seller, await shop.CategoryAsync(), price: 2_500, stock: 3);
        using var buyer = await shop.BuyerAsync(20_000);
        var order = await Json.ReadAsync(await Shop.BuyNowAsync(buyer, product, 1), HttpStatusCode.Created);
        var orderId = order.GetProperty("id").GetGuid();
        var total = order.GetProperty("total").GetInt64();
        await Json.ReadAsync(await seller.Client.PostAsync(new Uri($"/api/orders/{orderId}/cancel", UriKind.Relative), null, Ct));

        await _smtp.WaitAsync(_ => Kinds(buyer.Email).Contains("order-cancelled") && Kinds(seller.Email).Contains("order-cancelled"), "the cancellation e-mails", Timeout, Ct);
        var toBuyer = (await Inboxes.ItemsAsync(buyer))[0];
        Assert.Equal(Id(orderId, 2, "order-cancelled"), toBuyer.GetProperty("id").GetString());
        Assert.Equal($"The seller cancelled it. USD {total / 100}.{total % 100:00} is back in your wallet.", toBuyer.GetProperty("body").GetString());
        var toSeller = (await Inboxes.ItemsAsync(seller))[0];
        Assert.Equal(Id(orderId, 2, "order-cancelled"), toSeller.GetProperty("id").GetString());
        Assert.Equal("The seller cancelled it. Do not ship it.", toSeller.GetProperty("body").GetString());
        Assert.Equal(["order-cancelled", "order-confirmation", "payment-receipt", "welcome"], await OutboxKindsAsync(buyer));
        Assert.Equal(["new-order", "order-cancelled", "welcome"], await OutboxKindsAsync(seller));
    }

    [Fact]
    public async Task A_withdrawal_tells_its_owner_when_it_is_asked_for_and_when_it_is_approved()
    {
        var shop = new Shop(_factory);
        using var user = await shop.BuyerAsync(5_000);
        var withdrawal = await Json.ReadAsync(await WalletRequests.WithdrawAsync(user.Client, 1_500, Guid.NewGuid().ToString(), Ct), HttpStatusCode.Created);
        var id = withdrawal.GetProperty("id").GetGuid();
        using var admin = await TestUsers.AdminAsync(_factory);
        await Json.ReadAsync(await admin.Client.PostAsync(new Uri($"/api/admin/withdrawals/{id}/approve", UriKind.Relative), null, Ct));

        await _smtp.WaitAsync(_ => _smtp.To(user.Email).Count == 3, "the withdrawal e-mails", Timeout, Ct);
        Assert.Equal([($"withdrawal:{id:N}:approved", "withdrawal-approved"), ($"withdrawal:{id:N}:pending", "withdrawal-requested")], await Inboxes.ListAsync(user));
        Assert.Equal("Your withdrawal of USD 15.00 was approved and paid out.", (await Inboxes.ItemsAsync(user))[0].GetProperty("body").GetString());
    }

    /// <summary>
    /// A one-line order that a new buyer buys from a new seller (after <paramref name="setUp"/> sets their choices), the
    /// seller accepts and ships, the buyer confirms, and that completes by itself; returned once every one of its events
    /// has been taken by the mailer (the buyer's feedback request, the last, is in the outbox).
    /// </summary>
    private async Task<(TestUser Buyer, TestUser Seller, Guid OrderId)> CompletedOrderAsync(Func<TestUser, TestUser, Task>? setUp)
    {
        var shop = new Shop(_factory);
        var seller = await TestUsers.CreateAsync(_factory, "seller");
        var product = await CatalogSeed.ProductIdAsync(seller, await shop.CategoryAsync(), title: "Spelt, 10 kg", price: 4_000, stock: 3);
        var buyer = await shop.BuyerAsync(20_000);
        if (setUp is not null)
        {
            await setUp(buyer, seller);
        }

        var orderId = (await Json.ReadAsync(await Shop.BuyNowAsync(buyer, product, 1), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        foreach (var step in new[] { "accept", "ship" })
        {
            await Json.ReadAsync(await seller.Client.PostAsync(new Uri($"/api/orders/{orderId}/{step}", UriKind.Relative), null, Ct));
        }

        await Json.ReadAsync(await buyer.Client.PostAsync(new Uri($"/api/orders/{orderId}/confirm-delivery", UriKind.Relative), null, Ct));
        await _smtp.WaitAsync(_ => Kinds(buyer.Email).Contains("feedback-request"), "the feedback request", Timeout, Ct);
        return (buyer, seller, orderId);
    }

    private static string Id(Guid orderId, int sequence, string kind) => $"order:{orderId:N}:{sequence}:{kind}";

    private List<string?> Kinds(string recipient) => [.. _smtp.To(recipient).Select(m => m.Headers[OutboxSender.KindHeader])];

    /// <summary>The kinds of the outbox rows written for <paramref name="user"/>, sorted (sent or not).</summary>
    private async Task<List<string>> OutboxKindsAsync(TestUser user)
    {
        await using var dataSource = NpgsqlDataSource.Create(IsolatedFactory.ConnectionStringOf(_factory.Schema));
        await using var command = dataSource.CreateCommand("SELECT kind FROM email_outbox WHERE recipient = $1 ORDER BY kind");
        command.Parameters.Add(new NpgsqlParameter { Value = user.Email });
        var kinds = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            kinds.Add(reader.GetString(0));
        }

        return kinds;
    }
}
