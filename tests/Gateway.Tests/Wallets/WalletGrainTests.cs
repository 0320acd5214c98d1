using GrainMarket.Common;
using GrainMarket.Gateway.Tests.Support;
using GrainMarket.Wallets;
using Npgsql;
using Orleans;
using Orleans.Transactions;

namespace GrainMarket.Gateway.Tests.Wallets;

/// <summary>The wallet and withdrawal grains on the shared PostgreSQL silo, called directly with keys of their own.</summary>
public sealed class WalletGrainTests(MarketplaceFactory factory)
{
    private static readonly TimeSpan ExpiryWait = TimeSpan.FromSeconds(30);

    private readonly WalletHarness _wallets = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>How many holds and how many credits the wallet's stored state remembers.</summary>
    private async Task<(long Holds, long Credits)> StoredOutcomesAsync(string key)
    {
        var state = await StoredState.TransactionalAsync<WalletState>(await TestDatabase.GetDataSourceAsync(Ct), _wallets.Wallet(key).GetGrainId(), "wallet", Ct);
        Assert.NotNull(state);
        return (state.Holds.Count, state.Credits.Count);
    }

    [Fact]
    public async Task A_credit_repeated_with_its_operation_id_returns_the_first_entry_and_applies_once()
    {
        var key = WalletHarness.NewKey();
        var wallet = _wallets.Wallet(key);

        var first = await WalletHarness.RunAsync(() => wallet.CreditAsync("op-1", LedgerEntryTypes.Topup, 700, "first"));
        var repeat = await WalletHarness.RunAsync(() => wallet.CreditAsync("op-1", LedgerEntryTypes.Topup, 999, "changed"));

        Assert.Equal(first.Value, repeat.Value);
        Assert.Equal(new WalletBalance(700, 0), await wallet.GetBalanceAsync());
        var ledger = await _wallets.LedgerAsync(key);
        var entry = Assert.Single(ledger);
        Assert.Equal((1L, LedgerEntryTypes.Topup, 700L, 700L, 0L, "first"), (entry.Sequence, entry.Type, entry.Amount, entry.Available, entry.Held, entry.Reference));
        Assert.Equal(new WalletRow(700, 0, 700, 0), await _wallets.RowAsync(key));
    }

    [Fact]
    public async Task A_wallet_keeps_its_pending_and_recent_holds_forgets_old_credits_and_a_forgotten_credit_repeated_still_applies_once()
    {
        var key = WalletHarness.NewKey();
        var wallet = _wallets.Wallet(key);
        const int Credits = WalletState.RecentOutcomes + 100;
        for (var i = 0; i < Credits; i++)
        {
            await WalletHarness.RunAsync(() => wallet.CreditAsync($"op-{i}", LedgerEntryTypes.Topup, 1, "many"));
            await WalletHarness.RunAsync(() => wallet.HoldAsync($"hold-{i}", 1, "many", null));
            await WalletHarness.RunAsync(() => wallet.ReleaseAsync($"hold-{i}"));
        }

        // The state keeps the most recently resolved holds, which answer repeats with their first outcome, the oldest of
        // them too; an older hold is forgotten, and a repeat of it finds nothing and moves nothing. The remembered
        // credits stay bounded.
        var oldestKept = Credits - WalletState.ResolvedHoldsKept;
        Assert.Equal(HoldStatuses.Released, (await wallet.GetHoldAsync($"hold-{Credits - 1}"))!.Status);
        Assert.Equal(HoldStatuses.Released, (await WalletHarness.RunAsync(() => wallet.ReleaseAsync($"hold-{oldestKept}"))).Value!.Status);
        Assert.Equal(ErrorCodes.HoldNotFound, (await WalletHarness.RunAsync(() => wallet.ReleaseAsync("hold-0"))).Error?.Code);
        var (holds, credits) = await StoredOutcomesAsync(key);
        Assert.Equal(WalletState.ResolvedHoldsKept, holds);
        Assert.InRange(credits, WalletState.RecentOutcomes, WalletState.RecentOutcomes * 5 / 4);

        // The oldest credit, repeated, is no longer remembered: the ledger's unique operation id refuses the commit. The
        // refusal comes from storage while Orleans commits, so Orleans reports the outcome as in doubt (presumed abort).
        var refused = await Assert.ThrowsAsync<OrleansTransactionInDoubtException>(() => WalletHarness.RunAsync(() => wallet.CreditAsync("op-0", LedgerEntryTypes.Topup, 1, "again")));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, Assert.IsType<PostgresException>(refused.InnerException).SqlState);
        Assert.Equal(new WalletBalance(Credits, 0), await wallet.GetBalanceAsync());
        Assert.Equal(Credits * 3, (await _wallets.LedgerAsync(key)).Count);
    }

    [Fact]
    public async Task A_hold_above_available_fails_with_insufficient_funds_and_changes_nothing()
    {
        var key = WalletHarness.NewKey();
        await _wallets.TopUpAsync(key, 500);

        var result = await WalletHarness.RunAsync(() => _wallets.Wallet(key).HoldAsync("h", 501, "order:1", null));

        Assert.Equal(ErrorCodes.InsufficientFunds, result.Error?.Code);
        Assert.Equal(500, result.Error!.Figures!["available"]);
        Assert.Equal(new WalletBalance(500, 0), await _wallets.Wallet(key).GetBalanceAsync());
        Assert.Null(await _wallets.Wallet(key).GetHoldAsync("h"));
        Assert.Single(await _wallets.LedgerAsync(key));
    }

    [Fact]
    public async Task A_partial_capture_pays_the_payees_in_the_same_transaction_and_releases_the_rest()
    {
        var (payer, seller, fees) = (WalletHarness.NewKey(), WalletHarness.NewKey(), WalletHarness.NewKey());
        await _wallets.TopUpAsync(payer, 1_000);
        await WalletHarness.RunAsync(() => _wallets.Wallet(payer).HoldAsync("order:7:hold", 800, "order:7", null));

        var captured = await WalletHarness.RunAsync(() => _wallets.Wallet(payer).CaptureAsync(
            "order:7:hold", 600, [new Payout(seller, LedgerEntryTypes.Payment, 588), new Payout(fees, LedgerEntryTypes.Fee, 12)]));

        Assert.Equal(new HoldView("order:7:hold", 800, "order:7", HoldStatuses.Captured, 600, null), captured.Value);
        Assert.Equal(new WalletBalance(400, 0), await _wallets.Wallet(payer).GetBalanceAsync());
        Assert.Equal(new WalletBalance(588, 0), await _wallets.Wallet(seller).GetBalanceAsync());
        Assert.Equal(new WalletBalance(12, 0), await _wallets.Wallet(fees).GetBalanceAsync());
        Assert.Equal(
            [(LedgerEntryTypes.Topup, 1_000L, 1_000L, 0L), (LedgerEntryTypes.Hold, 800, 200, 800), (LedgerEntryTypes.Capture, 600, 200, 200), (LedgerEntryTypes.Release, 200, 400, 0)],
            (await _wallets.LedgerAsync(payer)).Select(e => (e.Type, e.Amount, e.Available, e.Held)));
        Assert.Equal([(LedgerEntryTypes.Payment, 588L, "order:7")], (await _wallets.LedgerAsync(seller)).Select(e => (e.Type, e.Amount, e.Reference)));
        Assert.Equal([(LedgerEntryTypes.Fee, 12L, "order:7")], (await _wallets.LedgerAsync(fees)).Select(e => (e.Type, e.Amount, e.Reference)));
        Assert.Equal((1_000L, 0L, 1_000L), await _wallets.BooksAsync([payer, seller, fees]));
    }

    [Fact]
    public async Task A_second_resolution_of_a_hold_returns_the_first_outcome_and_moves_nothing()
    {
        var (payer, payee) = (WalletHarness.NewKey(), WalletHarness.NewKey());
        var wallet = _wallets.Wallet(payer);
        await _wallets.TopUpAsync(payer, 1_000);
        await WalletHarness.RunAsync(() => wallet.HoldAsync("a", 300, "order:a", null));
        await WalletHarness.RunAsync(() => wallet.HoldAsync("b", 200, "order:b", null));

        var capturedA = await WalletHarness.RunAsync(() => wallet.CaptureAsync("a", 100, [new Payout(payee, LedgerEntryTypes.Payment, 100)]));
        var againA = await WalletHarness.RunAsync(() => wallet.CaptureAsync("a", 300, [new Payout(payee, LedgerEntryTypes.Payment, 300)]));
        var releasedA = await WalletHarness.RunAsync(() => wallet.ReleaseAsync("a"));
        var releasedB = await WalletHarness.RunAsync(() => wallet.ReleaseAsync("b"));
        var capturedB = await WalletHarness.RunAsync(() => wallet.CaptureAsync("b", 200, [new Payout(payee, LedgerEntryTypes.Payment, 200)]));
        var withdrawnB = await WalletHarness.RunAsync(() => wallet.WithdrawAsync("b"));

        Assert.All([againA, releasedA], r => Assert.Equal(capturedA.Value, r.Value));
        Assert.Equal((HoldStatuses.Captured, 100L), (capturedA.Value!.Status, capturedA.Value.Captured));
        Assert.All([capturedB, withdrawnB], r => Assert.Equal(releasedB.Value, r.Value));
        Assert.Equal((HoldStatuses.Released, 0L), (releasedB.Value!.Status, releasedB.Value.Captured));
        Assert.Equal(new WalletBalance(900, 0), await wallet.GetBalanceAsync());
        Assert.Equal(new WalletBalance(100, 0), await _wallets.Wallet(payee).GetBalanceAsync());
        Assert.Single(await _wallets.LedgerAsync(payee));
        Assert.Equal(6, (await _wallets.LedgerAsync(payer)).Count);
    }

    [Fact]
    public async Task A_capture_that_breaks_the_rules_fails_with_the_field_and_changes_nothing()
    {
        var (payer, payee) = (WalletHarness.NewKey(), WalletHarness.NewKey());
        var wallet = _wallets.Wallet(payer);
        await _wallets.TopUpAsync(payer, 1_000);
        await WalletHarness.RunAsync(() => wallet.HoldAsync("h", 500, "order:h", null));

        var tooMuch = await WalletHarness.RunAsync(() => wallet.CaptureAsync("h", 501, [new Payout(payee, LedgerEntryTypes.Payment, 501)]));
        var unbalanced = await WalletHarness.RunAsync(() => wallet.CaptureAsync("h", 400, [new Payout(payee, LedgerEntryTypes.Payment, 399)]));
        var toItself = await WalletHarness.RunAsync(() => wallet.CaptureAsync("h", 400, [new Payout(payer, LedgerEntryTypes.Payment, 400)]));
        var badType = await WalletHarness.RunAsync(() => wallet.CaptureAsync("h", 400, [new Payout(payee, LedgerEntryTypes.Topup, 400)]));
        var unknown = await WalletHarness.RunAsync(() => wallet.CaptureAsync("nope", 400, [new Payout(payee, LedgerEntryTypes.Payment, 400)]));
        var zero = await WalletHarness.RunAsync(() => wallet.HoldAsync("z", 0, "order:z", null));
        var past = await WalletHarness.RunAsync(() => wallet.HoldAsync("p", 10, "order:p", DateTimeOffset.UtcNow.AddSeconds(-1)));

        Assert.Equal((ErrorCodes.CaptureExceedsHold, "amount"), (tooMuch.Error?.Code, tooMuch.Error?.Field));
        Assert.Equal((ErrorCodes.Validation, "payouts"), (unbalanced.Error?.Code, unbalanced.Error?.Field));
        Assert.Equal((ErrorCodes.Validation, "payouts.walletId"), (toItself.Error?.Code, toItself.Error?.Field));
        Assert.Equal((ErrorCodes.Validation, "payouts.type"), (badType.Error?.Code, badType.Error?.Field));
        Assert.Equal(ErrorCodes.HoldNotFound, unknown.Error?.Code);
        Assert.Equal((ErrorCodes.Validation, "amount"), (zero.Error?.Code, zero.Error?.Field));
        Assert.Equal((ErrorCodes.Validation, "expiresAt"), (past.Error?.Code, past.Error?.Field));
        Assert.Equal(new WalletBalance(500, 500), await wallet.GetBalanceAsync());
        Assert.Equal(HoldStatuses.Pending, (await wallet.GetHoldAsync("h"))!.Status);
        Assert.Null(await _wallets.RowAsync(payee));
    }

    [Fact]
    public async Task A_hold_with_a_deadline_expires_by_its_reminder_exactly_once()
    {
        var key = WalletHarness.NewKey();
        var wallet = _wallets.Wallet(key);
        await _wallets.TopUpAsync(key, 1_000);

        await WalletHarness.RunAsync(() => wallet.HoldAsync("soon", 400, "order:soon", DateTimeOffset.UtcNow.AddMilliseconds(500)));
        Assert.Equal(new WalletBalance(600, 400), await wallet.GetBalanceAsync());
        var expired = await WaitForResolutionAsync(wallet, "soon");
        var captureAfter = await WalletHarness.RunAsync(() => wallet.CaptureAsync("soon", 400, [new Payout(WalletHarness.NewKey(), LedgerEntryTypes.Payment, 400)]));

        Assert.Equal((HoldStatuses.Expired, 0L), (expired.Status, expired.Captured));
        Assert.Equal(expired, captureAfter.Value);
        Assert.Equal(new WalletBalance(1_000, 0), await wallet.GetBalanceAsync());
        Assert.Equal([LedgerEntryTypes.Topup, LedgerEntryTypes.Hold, LedgerEntryTypes.Release], (await _wallets.LedgerAsync(key)).Select(e => e.Type));
    }

    [Fact]
    public async Task A_reminder_for_a_hold_resolved_before_its_deadline_changes_nothing_and_the_wallet_keeps_working()
    {
        var key = WalletHarness.NewKey();
        var wallet = _wallets.Wallet(key);
        await _wallets.TopUpAsync(key, 1_000);
        await WalletHarness.RunAsync(() => wallet.HoldAsync("early", 400, "order:early", DateTimeOffset.UtcNow.AddMilliseconds(300)));
        await WalletHarness.RunAsync(() => wallet.ReleaseAsync("early"));

        await Task.Delay(TimeSpan.FromSeconds(1.5), Ct);
        var credited = await wallet.CreditAsync("after", LedgerEntryTypes.Topup, 5, "after the reminder");

        Assert.Equal(1_005, credited.Value!.Available);
        Assert.Equal(HoldStatuses.Released, (await wallet.GetHoldAsync("early"))!.Status);
        Assert.Equal([LedgerEntryTypes.Topup, LedgerEntryTypes.Hold, LedgerEntryTypes.Release, LedgerEntryTypes.Topup], (await _wallets.LedgerAsync(key)).Select(e => e.Type));
    }

    [Fact]
    public async Task A_withdrawal_holds_then_pays_out_once_and_a_second_approval_is_refused()
    {
        var key = WalletHarness.NewKey();
        await _wallets.TopUpAsync(key, 1_000);
        var withdrawal = _wallets.Grains.GetGrain<IWithdrawalGrain>(Guid.NewGuid());

        var requested = await WalletHarness.RunAsync(() => withdrawal.RequestAsync(key, 300));
        var repeated = await WalletHarness.RunAsync(() => withdrawal.RequestAsync(key, 300));
        var heldBalance = await _wallets.Wallet(key).GetBalanceAsync();
        var approved = await WalletHarness.RunAsync(withdrawal.ApproveAsync);
        var again = await WalletHarness.RunAsync(withdrawal.ApproveAsync);
        var rejected = await WalletHarness.RunAsync(withdrawal.RejectAsync);

        Assert.Equal(WithdrawalStatuses.Pending, requested.Value!.Status);
        Assert.Equal(requested.Value, repeated.Value);
        Assert.Equal(new WalletBalance(700, 300), heldBalance);
        Assert.Equal((WithdrawalStatuses.Approved, 300L), (approved.Value!.Status, approved.Value.Amount));
        Assert.Equal(ErrorCodes.WithdrawalNotPending, again.Error?.Code);
        Assert.Equal(ErrorCodes.WithdrawalNotPending, rejected.Error?.Code);
        Assert.Equal(new WalletBalance(700, 0), await _wallets.Wallet(key).GetBalanceAsync());
        Assert.Equal(new WalletRow(700, 0, 1_000, 300), await _wallets.RowAsync(key));
        Assert.Equal([LedgerEntryTypes.Topup, LedgerEntryTypes.Hold, LedgerEntryTypes.Withdrawal], (await _wallets.LedgerAsync(key)).Select(e => e.Type));
    }

    [Fact]
    public async Task A_rejected_withdrawal_releases_its_hold_and_an_unaffordable_one_is_never_created()
    {
        var key = WalletHarness.NewKey();
        await _wallets.TopUpAsync(key, 1_000);
        var withdrawal = _wallets.Grains.GetGrain<IWithdrawalGrain>(Guid.NewGuid());
        var unaffordable = _wallets.Grains.GetGrain<IWithdrawalGrain>(Guid.NewGuid());

        await WalletHarness.RunAsync(() => withdrawal.RequestAsync(key, 1_000));
        var refused = await WalletHarness.RunAsync(() => unaffordable.RequestAsync(key, 1));
        var rejected = await WalletHarness.RunAsync(withdrawal.RejectAsync);

        Assert.Equal(ErrorCodes.InsufficientFunds, refused.Error?.Code);
        Assert.Null(await unaffordable.GetAsync());
        Assert.Equal(WithdrawalStatuses.Rejected, rejected.Value!.Status);
        Assert.Equal(new WalletRow(1_000, 0, 1_000, 0), await _wallets.RowAsync(key));
        Assert.Equal([LedgerEntryTypes.Topup, LedgerEntryTypes.Hold, LedgerEntryTypes.Release], (await _wallets.LedgerAsync(key)).Select(e => e.Type));
    }

    private static async Task<HoldView> WaitForResolutionAsync(IWalletGrain wallet, string holdId)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(ExpiryWait);
        while (true)
        {
            var hold = await WalletHarness.RunAsync(() => wallet.GetHoldAsync(holdId));
            if (hold is { Status: not HoldStatuses.Pending })
            {
                return hold;
            }

            await Task.Delay(100, timeout.Token);
        }
    }
}
