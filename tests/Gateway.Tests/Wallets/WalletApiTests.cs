using System.Net;
using System.Text.Json;
using GrainMarket.Common;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Wallets;

/// <summary>The signed-in user's wallet over HTTP: balances, ledger pages and withdrawal requests.</summary>
public sealed class WalletApiTests(MarketplaceFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_user_has_an_empty_wallet_in_the_platform_currency()
    {
        using var buyer = await TestUsers.CreateAsync(factory);

        var wallet = await Json.ReadAsync(await WalletRequests.GetAsync(buyer.Client, "/api/wallet", Ct));
        var ledger = await Json.ReadAsync(await WalletRequests.GetAsync(buyer.Client, "/api/wallet/ledger", Ct));

        Assert.Equal(("USD", 0L, 0L, 0L), (wallet.GetProperty("currency").GetString(), wallet.GetProperty("available").GetInt64(), wallet.GetProperty("held").GetInt64(), wallet.GetProperty("balance").GetInt64()));
        Assert.Empty(ledger.GetProperty("items").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, ledger.GetProperty("next").ValueKind);
    }

    [Fact]
    public async Task The_ledger_pages_newest_first_with_balances_after_each_entry()
    {
        using var admin = await TestUsers.AdminAsync(factory);
        using var buyer = await TestUsers.CreateAsync(factory);
        foreach (var amount in new[] { 100L, 200L, 300L })
        {
            await Json.ReadAsync(await WalletRequests.CreditAsync(admin.Client, buyer.Id, amount, Guid.NewGuid().ToString(), Ct));
        }

        var first = await Json.ReadAsync(await WalletRequests.GetAsync(buyer.Client, "/api/wallet/ledger?limit=2", Ct));
        var cursor = first.GetProperty("next").GetString();
        var second = await Json.ReadAsync(await WalletRequests.GetAsync(buyer.Client, $"/api/wallet/ledger?limit=2&cursor={cursor}", Ct));

        Assert.Equal([(3L, "ADJUSTMENT", 300L, 600L), (2, "ADJUSTMENT", 200, 300)], Entries(first));
        Assert.Equal([(1L, "ADJUSTMENT", 100L, 100L)], Entries(second));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next").ValueKind);
        var entry = second.GetProperty("items")[0];
        Assert.Equal(("goodwill", 0L), (entry.GetProperty("reference").GetString(), entry.GetProperty("held").GetInt64()));
        Assert.True(entry.TryGetProperty("at", out _));
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("limit=many", "limit")]
    [InlineData("cursor=abc", "cursor")]
    [InlineData("cursor=-4", "cursor")]
    public async Task A_bad_ledger_query_is_a_400_naming_the_parameter(string query, string field)
    {
        using var buyer = await TestUsers.CreateAsync(factory);

        await Problems.AssertAsync(await WalletRequests.GetAsync(buyer.Client, $"/api/wallet/ledger?{query}", Ct), HttpStatusCode.BadRequest, ErrorCodes.Validation, field);
    }

    [Fact]
    public async Task A_withdrawal_holds_the_amount_and_a_retry_with_its_key_returns_the_same_withdrawal()
    {
        using var admin = await TestUsers.AdminAsync(factory);
        using var buyer = await TestUsers.CreateAsync(factory);
        await Json.ReadAsync(await WalletRequests.CreditAsync(admin.Client, buyer.Id, 1_000, Guid.NewGuid().ToString(), Ct));
        var key = Guid.NewGuid().ToString();

        var response = await WalletRequests.WithdrawAsync(buyer.Client, 400, key, Ct);
        var created = await Json.ReadAsync(response, HttpStatusCode.Created);
        var retried = await WalletRequests.WithdrawAsync(buyer.Client, 400, key, Ct);
        var wallet = await Json.ReadAsync(await WalletRequests.GetAsync(buyer.Client, "/api/wallet", Ct));

        Assert.Equal(("pending", 400L), (created.GetProperty("status").GetString(), created.GetProperty("amount").GetInt64()));
        Assert.Equal($"/api/wallet/withdrawals/{created.GetProperty("id").GetGuid()}", response.Headers.Location?.OriginalString);
        Assert.Equal(created.GetRawText(), (await Json.ReadAsync(retried, HttpStatusCode.Created)).GetRawText());
        Assert.Equal((600L, 400L, 1_000L), (wallet.GetProperty("available").GetInt64(), wallet.GetProperty("held").GetInt64(), wallet.GetProperty("balance").GetInt64()));
    }

    [Fact]
    public async Task A_withdrawal_above_the_available_balance_is_a_409_insufficient_funds_and_holds_nothing()
    {
        using var admin = await TestUsers.AdminAsync(factory);
        using var buyer = await TestUsers.CreateAsync(factory);
        await Json.ReadAsync(await WalletRequests.CreditAsync(admin.Client, buyer.Id, 250, Guid.NewGuid().ToString(), Ct));

        var problem = await Problems.AssertAsync(await WalletRequests.WithdrawAsync(buyer.Client, 251, Guid.NewGuid().ToString(), Ct), HttpStatusCode.Conflict, ErrorCodes.InsufficientFunds, "amount");
        var wallet = await Json.ReadAsync(await WalletRequests.GetAsync(buyer.Client, "/api/wallet", Ct));

        Assert.Equal(250, problem.GetProperty("available").GetInt64());
        Assert.Equal((250L, 0L), (wallet.GetProperty("available").GetInt64(), wallet.GetProperty("held").GetInt64()));
    }

    [Theory]
    [InlineData("{\"amount\":0}")]
    [InlineData("{\"amount\":-5}")]
    [InlineData("{}")]
    public async Task A_withdrawal_without_a_positive_amount_is_a_400_naming_amount(string body)
    {
        using var buyer = await TestUsers.CreateAsync(factory);
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/wallet/withdrawals", UriKind.Relative)) { Content = content };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());

        await Problems.AssertAsync(await buyer.Client.SendAsync(request, Ct), HttpStatusCode.BadRequest, ErrorCodes.Validation, "amount");
    }

    [Fact]
    public async Task A_withdrawal_without_an_Idempotency_Key_is_a_400()
    {
        using var buyer = await TestUsers.CreateAsync(factory);

        await Problems.AssertAsync(await WalletRequests.WithdrawAsync(buyer.Client, 10, null, Ct), HttpStatusCode.BadRequest, ErrorCodes.IdempotencyKeyRequired);
    }

    [Theory]
    [InlineData("/api/wallet")]
    [InlineData("/api/wallet/ledger")]
    public async Task The_wallet_needs_a_signed_in_user(string path)
    {
        using var anonymous = factory.CreateClient();

        await Problems.AssertAsync(await WalletRequests.GetAsync(anonymous, path, Ct), HttpStatusCode.Unauthorized, "unauthenticated");
        await Problems.AssertAsync(await WalletRequests.WithdrawAsync(anonymous, 10, Guid.NewGuid().ToString(), Ct), HttpStatusCode.Unauthorized, "unauthenticated");
    }

    private static IEnumerable<(long Id, string? Type, long Amount, long Available)> Entries(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(e => (e.GetProperty("id").GetInt64(), e.GetProperty("type").GetString(), e.GetProperty("amount").GetInt64(), e.GetProperty("available").GetInt64()));
}
