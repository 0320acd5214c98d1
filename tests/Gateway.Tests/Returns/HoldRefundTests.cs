using GrainMarket.Common;
using GrainMarket.Gateway.Tests.Support;
using GrainMarket.Gateway.Tests.Wallets;
using GrainMarket.Wallets;

namespace GrainMarket.Gateway.Tests.Returns;

/// <summary>A refund out of a pending hold, on the wallet grain directly: the ledger's entries still add up to the balances.</summary>
public sealed class HoldRefundTests(MarketplaceFactory factory)
{
    private readonly WalletHarness _wallets = new(factory);

    [Fact]
    public async Task A_refund_out_of_a_hold_keeps_the_rest_pending_applies_once_and_the_ledger_adds_up()
    {
        var key = WalletHarness.NewKey();
        var wallet = _wallets.Wallet(key);
        await _wallets.TopUpAsync(key, 1_000);
        await WalletHarness.RunAsync(() => wallet.HoldAsync("order-hold", 600, "order:x", null));

        var refunded = await WalletHarness.RunAsync(() => wallet.RefundHoldAsync("order-hold", "return-1", 250, "return:1"));
        var repeated = await WalletHarness.RunAsync(() => wallet.RefundHoldAsync("order-hold", "return-1", 250, "return:1"));
        var tooMuch = await WalletHarness.RunAsync(() => wallet.RefundHoldAsync("order-hold", "return-2", 351, "return:2"));

        Assert.Equal(refunded.Value, repeated.Value);
        Assert.Equal(ErrorCodes.CaptureExceedsHold, tooMuch.Error?.Code);
        Assert.Equal(new WalletBalance(650, 350), await wallet.GetBalanceAsync());
        Assert.Equal((350L, HoldStatuses.Pending), (await wallet.GetHoldAsync("order-hold")) is { } hold ? (hold.Amount, hold.Status) : default);
        var ledger = await _wallets.LedgerAsync(key);
        Assert.Equal(
            [(LedgerEntryTypes.Topup, 1_000L), (LedgerEntryTypes.Hold, 600L), (LedgerEntryTypes.Capture, 250L), (LedgerEntryTypes.Refund, 250L)],
            ledger.Select(e => (e.Type, e.Amount)));
        Assert.Equal(new WalletRow(650, 350, 1_000, 0), await _wallets.RowAsync(key));

        // The rest settles as any hold does: captured or released whole.
        await WalletHarness.RunAsync(() => wallet.ReleaseAsync("order-hold"));
        Assert.Equal(new WalletBalance(1_000, 0), await wallet.GetBalanceAsync());
        Assert.Equal(ErrorCodes.HoldAlreadyResolved, (await WalletHarness.RunAsync(() => wallet.RefundHoldAsync("order-hold", "return-3", 1, "return:3"))).Error?.Code);
    }
}
