using GrainMarket.Common;
using GrainMarket.Gateway.Tests.Support;
using GrainMarket.Inventory;
using GrainMarket.Wallets;
using Microsoft.Extensions.DependencyInjection;
using Orleans;

namespace GrainMarket.Gateway.Tests.Security;

/// <summary>
/// Issue #24, item 18: a credit or a stock receipt that would pass <see cref="long.MaxValue"/> is refused with
/// <c>amount-too-large</c> and changes nothing, instead of wrapping to a negative balance. Requests cannot get near
/// (an amount is at most <see cref="WalletKeys.MaxAmount"/>, a stock change at most a billion units), so the wallet's
/// rule is exercised on its state and the stock's through its grain, in a schema of its own.
/// </summary>
public sealed class CheckedArithmeticTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void A_top_up_that_would_overflow_the_wallet_is_refused_and_the_balance_is_unchanged()
    {
        var wallet = new WalletState { Available = long.MaxValue - 150, Held = 50, ExternalIn = long.MaxValue - 150 };

        var refused = wallet.Credit("too-much", LedgerEntryTypes.Topup, 101, "test", DateTimeOffset.UtcNow);

        Assert.Equal(ErrorCodes.AmountTooLarge, refused.Error?.Code);
        Assert.Equal((long.MaxValue - 150, 50L, 0L), (wallet.Available, wallet.Held, wallet.LastSequence));
        Assert.Empty(wallet.Credits);

        // Up to the brim is fine, counting the money held.
        Assert.Null(wallet.Credit("enough", LedgerEntryTypes.Topup, 100, "test", DateTimeOffset.UtcNow).Error);
        Assert.Equal(long.MaxValue - 50, wallet.Available);
    }

    [Fact]
    public async Task A_stock_receipt_that_would_overflow_is_refused_and_the_levels_are_unchanged()
    {
        // In a schema of its own: a product stocked to the brim would break the shared database's conservation audit
        // (its sums pass a bigint).
        await using var factory = await IsolatedFactory.StartAsync(new Dictionary<string, string>(), Ct);
        var stock = factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IProductStockGrain>(Guid.NewGuid());
        await stock.InitializeAsync(long.MaxValue - 5, purchasable: false);

        var refused = await stock.AdjustAsync(6);

        Assert.Equal(ErrorCodes.AmountTooLarge, refused.Error?.Code);
        Assert.Equal(new StockLevels(long.MaxValue - 5, 0, 0, 0, long.MaxValue - 5), await stock.GetAsync());
        Assert.Equal(long.MaxValue, (await stock.AdjustAsync(5)).Value?.Received);
    }
}
