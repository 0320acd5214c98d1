using System.Net;
using System.Net.Http.Json;
using GrainMarket.Gateway.Tests.Catalog;
using GrainMarket.Gateway.Tests.Orders;
using GrainMarket.Gateway.Tests.Support;
using GrainMarket.Gateway.Tests.Wallets;
using GrainMarket.Silo.Mail;
using MimeKit;
using Npgsql;

namespace GrainMarket.Gateway.Tests.Mail;

/// <summary>
/// What users receive, end to end: a silo of its own (its own schema) sending over SMTP to an in-process server, read
/// the way a user reads mail.
/// </summary>
public sealed class EmailJourneyTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly TestSmtpServer _smtp = new();
    private IsolatedFactory _factory = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var settings = _smtp.SiloSettings();
        settings["GRAINMARKET_MARKETPLACE_NAME"] = "Test Bazaar";
        settings["GRAINMARKET_PUBLIC_URL"] = "https://bazaar.example";
        settings["GRAINMARKET_ORDER_COMPLETION_DELAY"] = "00:00:01";
        _factory = await IsolatedFactory.StartAsync(settings, Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task A_password_reset_completes_with_the_link_read_from_the_mail_the_SMTP_server_received()
    {
        using var user = await TestUsers.CreateAsync(_factory);
        using var client = _factory.CreateClient();

        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/api/auth/password/forgot", new { email = user.Email }, Ct)).StatusCode);
        await _smtp.WaitAsync(_ => Kinds(user.Email).Contains("password-reset"), "the reset e-mail", Timeout, Ct);

        var mail = _smtp.To(user.Email).Single(m => Kind(m) == "password-reset");
        Assert.Equal("Reset your password — Test Bazaar", mail.Subject);
        Assert.Equal("no-reply@grainmarket.test", Assert.Single(mail.From.Mailboxes).Address);
        var link = new Uri(mail.TextBody!.Split('\n').Single(line => line.StartsWith("Reset your password: ", StringComparison.Ordinal))["Reset your password: ".Length..].Trim());
        Assert.Equal("https://bazaar.example/reset-password", link.GetLeftPart(UriPartial.Path));
        var token = Uri.UnescapeDataString(link.Query["?token=".Length..]);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(link.ToString()), mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Test Bazaar", mail.HtmlBody, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync("/api/auth/password/reset", new { token, newPassword = "a passphrase read from mail" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = "a passphrase read from mail" }, Ct)).StatusCode);

        await _smtp.WaitAsync(_ => Kinds(user.Email).Contains("password-changed"), "the password-changed e-mail", Timeout, Ct);
        Assert.Equal(["welcome", "password-reset", "password-changed"], Kinds(user.Email));
    }

    [Fact]
    public async Task An_order_from_checkout_to_completion_mails_the_buyer_and_the_seller_exactly_these_e_mails()
    {
        var shop = new Shop(_factory);
        using var seller = await TestUsers.CreateAsync(_factory, "seller");
        var product = await CatalogSeed.ProductIdAsync(seller, await shop.CategoryAsync(), title: "Heirloom wheat, 25 kg", price: 10_000, stock: 3);
        using var buyer = await shop.BuyerAsync(20_000);
        var order = await Json.ReadAsync(await Shop.BuyNowAsync(buyer, product, 1), HttpStatusCode.Created);
        var orderId = order.GetProperty("id").GetGuid();
        foreach (var step in new[] { "accept", "ship" })
        {
            await Json.ReadAsync(await seller.Client.PostAsync(new Uri($"/api/orders/{orderId}/{step}", UriKind.Relative), null, Ct));
        }

        await Json.ReadAsync(await buyer.Client.PostAsync(new Uri($"/api/orders/{orderId}/confirm-delivery", UriKind.Relative), null, Ct));

        // The order completes by itself a second after delivery; its feedback request is the last e-mail it causes.
        await _smtp.WaitAsync(_ => Kinds(buyer.Email).Contains("feedback-request"), "the feedback request", Timeout, Ct);
        Assert.Equal(["delivered", "feedback-request", "order-confirmation", "payment-receipt", "shipping-update", "welcome"], Kinds(buyer.Email).Order());
        Assert.Equal(["new-order", "welcome"], Kinds(seller.Email).Order());
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM mail_events"));
        Assert.Equal(8, await ScalarAsync($"SELECT count(*) FROM email_outbox WHERE recipient IN ('{buyer.Email}', '{seller.Email}') AND sent_at IS NOT NULL"));
        Assert.Equal(8, await ScalarAsync($"SELECT count(*) FROM email_outbox WHERE recipient IN ('{buyer.Email}', '{seller.Email}')"));

        var total = (await Json.ReadAsync(await buyer.Client.GetAsync(new Uri($"/api/orders/{orderId}", UriKind.Relative), Ct))).GetProperty("total").GetInt64();
        var confirmation = _smtp.To(buyer.Email).Single(m => Kind(m) == "order-confirmation");
        Assert.Contains("1 × Heirloom wheat, 25 kg at USD 100.00 — USD 100.00", confirmation.TextBody, StringComparison.Ordinal);
        Assert.Contains($"Total — USD {total / 100}.{total % 100:00}", confirmation.TextBody, StringComparison.Ordinal);
        Assert.Contains("Heirloom wheat, 25 kg", confirmation.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Heirloom wheat, 25 kg", _smtp.To(seller.Email).Single(m => Kind(m) == "new-order").TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_withdrawal_mails_its_owner_when_asked_for_and_when_approved()
    {
        var shop = new Shop(_factory);
        using var user = await shop.BuyerAsync(5_000);
        var withdrawal = await Json.ReadAsync(await WalletRequests.WithdrawAsync(user.Client, 1_500, Guid.NewGuid().ToString(), Ct), HttpStatusCode.Created);
        using var admin = await TestUsers.AdminAsync(_factory);
        await Json.ReadAsync(await admin.Client.PostAsync(new Uri($"/api/admin/withdrawals/{withdrawal.GetProperty("id").GetGuid()}/approve", UriKind.Relative), null, Ct));

        await _smtp.WaitAsync(_ => _smtp.To(user.Email).Count == 3, "the withdrawal e-mails", Timeout, Ct);
        Assert.Equal(
            ["Welcome — Test Bazaar", "Withdrawal approved — Test Bazaar", "Withdrawal requested — Test Bazaar"],
            _smtp.To(user.Email).Select(m => m.Subject).Order());
        Assert.Contains("USD 15.00", _smtp.To(user.Email).Single(m => m.Subject == "Withdrawal approved — Test Bazaar").TextBody, StringComparison.Ordinal);
    }

    private static string? Kind(MimeMessage message) => message.Headers[OutboxSender.KindHeader];

    private List<string?> Kinds(string recipient) => [.. _smtp.To(recipient).Select(Kind)];

    private async Task<long> ScalarAsync(string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(IsolatedFactory.ConnectionStringOf(_factory.Schema));
        await using var command = dataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}
