using System.Net;
using System.Text.Json;
using GrainMarket.Common;
using GrainMarket.Gateway.Tests.Support;

namespace GrainMarket.Gateway.Tests.Wallets;

/// <summary>Admin money operations over HTTP: credits, withdrawal approval and rejection, the list, and the books.</summary>
public sealed class AdminWalletApiTests(MarketplaceFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_admin_credit_is_an_ADJUSTMENT_and_a_retry_with_its_key_replays_it_and_credits_once()
    {
        using var admin = await TestUsers.AdminAsync(factory);
        using var buyer = await TestUsers.CreateAsync(factory);
        var key = Guid.NewGuid().ToString();

        var first = await WalletRequests.CreditAsync(admin.Client, buyer.Id, 1_500, key, Ct);
        var body = await Json.ReadAsync(first);
        var retry = await WalletRequests.CreditAsync(admin.Client, buyer.Id, 1_500, key, Ct);
        var wallet = await Json.ReadAsync(await WalletRequests.GetAsync(buyer.Client, "/api/wallet", Ct));
        var ledger = await Json.ReadAsync(await WalletRequests.GetAsync(buyer.Client, "/api/wallet/ledger", Ct));

        Assert.Equal(("ADJUSTMENT", 1_500L, 1_500L, "goodwill"), (body.GetProperty("type").GetString(), body.GetProperty("amount").GetInt64(), body.GetProperty("available").GetInt64(), body.GetProperty("reference").GetString()));
        Assert.Equal(body.GetRawText(), (await Json.ReadAsync(retry)).GetRawText());
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(1_500, wallet.GetProperty("balance").GetInt64());
        Assert.Single(ledger.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task An_admin_credit_reusing_a_key_for_another_body_is_a_422_and_credits_nothing_more()
    {
        using var admin = await TestUsers.AdminAsync(factory);
        using var buyer = await TestUsers.CreateAsync(factory);
        var key = Guid.NewGuid().ToString();
        await Json.ReadAsync(await WalletRequests.CreditAsync(admin.Client, buyer.Id, 100, key, Ct));

        await Problems.AssertAsync(await WalletRequests.CreditAsync(admin.Client, buyer.Id, 999, key, Ct), HttpStatusCode.UnprocessableEntity, ErrorCodes.IdempotencyKeyReused);
        var wallet = await Json.ReadAsync(await WalletRequests.GetAsync(buyer.Client, "/api/wallet", Ct));

        Assert.Equal(100, wallet.GetProperty("balance").GetInt64());
    }

    [Theory]
    [InlineData(0L, "goodwill", "amount")]
    [InlineData(-1L, "goodwill", "amount")]
    [InlineData(10L, "", "reason")]
    public async Task An_admin_credit_with_bad_input_is_a_400_naming_the_field(long amount, string reason, string field)
    {
        using var admin = await TestUsers.AdminAsync(factory);
        using var buyer = await TestUsers.CreateAsync(factory);

        await Problems.AssertAsync(await WalletRequests.CreditAsync(admin.Client, buyer.Id, amount, Guid.NewGuid().ToString(), Ct, reason), HttpStatusCode.BadRequest, ErrorCodes.Validation, field);
    }

    [Fact]
    public async Task An_admin_credit_needs_an_Idempotency_Key_and_an_existing_user()
    {
        using var admin = await TestUsers.AdminAsync(factory);

        await Problems.AssertAsync(await WalletRequests.CreditAsync(admin.Client, Guid.NewGuid(), 10, null, Ct), HttpStatusCode.BadRequest, ErrorCodes.IdempotencyKeyRequired);
        await Problems.AssertAsync(await WalletRequests.CreditAsync(admin.Client, Guid.NewGuid(), 10, Guid.NewGuid().ToString(), Ct), HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }

    [Fact]
    public async Task Approving_a_withdrawal_pays_it_out_once_and_a_second_decision_is_a_409()
    {
        using var admin = await TestUsers.AdminAsync(factory);
        using var seller = await TestUsers.CreateAsync(factory, "seller");
        await Json.ReadAsync(await WalletRequests.CreditAsync(admin.Client, seller.Id, 1_000, Guid.NewGuid().ToString(), Ct));
        var id = (await Json.ReadAsync(await WalletRequests.WithdrawAsync(seller.Client, 700, Guid.NewGuid().ToString(), Ct), HttpStatusCode.Created)).GetProperty("id").GetGuid();

        var pending = await Json.ReadAsync(await WalletRequests.GetAsync(admin.Client, "/api/admin/withdrawals?status=pending&limit=200", Ct));
        var approved = await Json.ReadAsync(await WalletRequests.PostAsync(admin.Client, $"/api/admin/withdrawals/{id}/approve", new { }, null, Ct));
        var again = await WalletRequests.PostAsync(admin.Client, $"/api/admin/withdrawals/{id}/approve", new { }, null, Ct);
        var reject = await WalletRequests.PostAsync(admin.Client, $"/api/admin/withdrawals/{id}/reject", new { }, null, Ct);
        var wallet = await Json.ReadAsync(await WalletRequests.GetAsync(seller.Client, "/api/wallet", Ct));
        await Confirmations.WalletAsync(factory, seller.Id.ToString());
        var ledger = await Json.ReadAsync(await WalletRequests.GetAsync(seller.Client, "/api/wallet/ledger", Ct));
        var listed = await Json.ReadAsync(await WalletRequests.GetAsync(admin.Client, "/api/admin/withdrawals?status=approved&limit=200", Ct));

        Assert.Contains(pending.GetProperty("items").EnumerateArray(), w => w.GetProperty("id").GetGuid() == id && w.GetProperty("userId").GetString() == seller.Id.ToString());
        Assert.Equal(("approved", 700L), (approved.GetProperty("status").GetString(), approved.GetProperty("amount").GetInt64()));
        Assert.Equal(JsonValueKind.String, approved.GetProperty("resolvedAt").ValueKind);
        await Problems.AssertAsync(again, HttpStatusCode.Conflict, ErrorCodes.WithdrawalNotPending);
        await Problems.AssertAsync(reject, HttpStatusCode.Conflict, ErrorCodes.WithdrawalNotPending);
        Assert.Equal((300L, 0L, 300L), (wallet.GetProperty("available").GetInt64(), wallet.GetProperty("held").GetInt64(), wallet.GetProperty("balance").GetInt64()));
        Assert.Equal(["WITHDRAWAL", "HOLD", "ADJUSTMENT"], ledger.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("type").GetString()));
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), w => w.GetProperty("id").GetGuid() == id);
    }

    [Fact]
    public async Task Rejecting_a_withdrawal_releases_its_hold()
    {
        using var admin = await TestUsers.AdminAsync(factory);
        using var buyer = await TestUsers.CreateAsync(factory);
        await Json.ReadAsync(await WalletRequests.CreditAsync(admin.Client, buyer.Id, 500, Guid.NewGuid().ToString(), Ct));
        var id = (await Json.ReadAsync(await WalletRequests.WithdrawAsync(buyer.Client, 500, Guid.NewGuid().ToString(), Ct), HttpStatusCode.Created)).GetProperty("id").GetGuid();

        var rejected = await Json.ReadAsync(await WalletRequests.PostAsync(admin.Client, $"/api/admin/withdrawals/{id}/reject", new { }, null, Ct));
        var wallet = await Json.ReadAsync(await WalletRequests.GetAsync(buyer.Client, "/api/wallet", Ct));
        await Confirmations.WalletAsync(factory, buyer.Id.ToString());
        var ledger = await Json.ReadAsync(await WalletRequests.GetAsync(buyer.Client, "/api/wallet/ledger", Ct));

        Assert.Equal("rejected", rejected.GetProperty("status").GetString());
        Assert.Equal((500L, 0L), (wallet.GetProperty("available").GetInt64(), wallet.GetProperty("held").GetInt64()));
        Assert.Equal(["RELEASE", "HOLD", "ADJUSTMENT"], ledger.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task Deciding_an_unknown_withdrawal_is_a_404_and_a_bad_status_filter_a_400()
    {
        using var admin = await TestUsers.AdminAsync(factory);

        await Problems.AssertAsync(await WalletRequests.PostAsync(admin.Client, $"/api/admin/withdrawals/{Guid.NewGuid()}/approve", new { }, null, Ct), HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await Problems.AssertAsync(await WalletRequests.GetAsync(admin.Client, "/api/admin/withdrawals?status=lost", Ct), HttpStatusCode.BadRequest, ErrorCodes.Validation, "status");
    }

    [Fact]
    public async Task The_ledger_summary_balances_and_counts_a_credit_in_externalIn()
    {
        using var admin = await TestUsers.AdminAsync(factory);
        using var buyer = await TestUsers.CreateAsync(factory);

        var before = await Json.ReadAsync(await WalletRequests.GetAsync(admin.Client, "/api/admin/ledger/summary", Ct));
        await Json.ReadAsync(await WalletRequests.CreditAsync(admin.Client, buyer.Id, 12_345, Guid.NewGuid().ToString(), Ct));
        var after = await Json.ReadAsync(await WalletRequests.GetAsync(admin.Client, "/api/admin/ledger/summary", Ct));

        // Other tests move money meanwhile, but every commit keeps the books balanced, and one statement reads one snapshot.
        foreach (var summary in new[] { before, after })
        {
            Assert.Equal("USD", summary.GetProperty("currency").GetString());
            Assert.Equal(summary.GetProperty("externalIn").GetInt64() - summary.GetProperty("externalOut").GetInt64(), summary.GetProperty("walletsTotal").GetInt64());
            Assert.True(summary.GetProperty("conserved").GetBoolean());
            Assert.InRange(summary.GetProperty("heldTotal").GetInt64(), 0, summary.GetProperty("walletsTotal").GetInt64());
        }

        Assert.True(after.GetProperty("externalIn").GetInt64() - before.GetProperty("externalIn").GetInt64() >= 12_345);
    }

    [Theory]
    [InlineData("GET", "/api/admin/ledger/summary")]
    [InlineData("GET", "/api/admin/withdrawals")]
    [InlineData("POST", "/api/admin/withdrawals/00000000-0000-0000-0000-000000000001/approve")]
    [InlineData("POST", "/api/admin/withdrawals/00000000-0000-0000-0000-000000000001/reject")]
    [InlineData("POST", "/api/admin/wallets/00000000-0000-0000-0000-000000000001/credits")]
    public async Task Admin_wallet_endpoints_refuse_anonymous_callers_with_401_and_buyers_with_403(string method, string path)
    {
        using var anonymous = factory.CreateClient();
        using var buyer = await TestUsers.CreateAsync(factory);

        var anonymousResponse = method == "GET" ? await WalletRequests.GetAsync(anonymous, path, Ct) : await WalletRequests.PostAsync(anonymous, path, new { amount = 1, reason = "x" }, Guid.NewGuid().ToString(), Ct);
        var buyerResponse = method == "GET" ? await WalletRequests.GetAsync(buyer.Client, path, Ct) : await WalletRequests.PostAsync(buyer.Client, path, new { amount = 1, reason = "x" }, Guid.NewGuid().ToString(), Ct);

        await Problems.AssertAsync(anonymousResponse, HttpStatusCode.Unauthorized, "unauthenticated");
        await Problems.AssertAsync(buyerResponse, HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
    }
}
