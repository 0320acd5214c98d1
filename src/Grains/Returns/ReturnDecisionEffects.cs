using GrainMarket.Common;
using GrainMarket.Inventory;
using GrainMarket.Orders;
using GrainMarket.Wallets;

namespace GrainMarket.Returns;

/// <summary>
/// What an admin's decision on return <paramref name="returnId"/> moves besides the return and its order, inside the
/// decision's transaction: the refund's money and the returned units (a refund), or the replacement's stock. A refusal
/// is returned (the decision then aborts its transaction, so nothing of it is applied).
/// </summary>
internal sealed class ReturnDecisionEffects(IGrainFactory grains, Guid returnId, int feeBps)
{
    /// <summary>
    /// Pays the returned lines' value back to the buyer and takes the units back by condition. Before settlement the
    /// money comes out of the order's hold and the units out of its reservation; after it, the seller and the platform
    /// give back what settlement paid them for these lines (the platform the difference its fee makes, so that both
    /// end as if the lines had never sold) and the units come out of sold. A platform-funded coupon's share of the lines,
    /// which the platform paid the seller at settlement, goes back to the platform: when it exceeds the platform's fee
    /// difference, the seller pays the buyer and the platform the rest, and <see cref="ReturnRefund.FromPlatform"/> is
    /// negative (what the platform took back).
    /// </summary>
    public async Task<(DomainError? Refusal, ReturnRefund? Refund)> RefundAsync(ReturnView view, OrderReturnTerms terms)
    {
        var amount = view.Value;
        var buyer = grains.GetGrain<IWalletGrain>(WalletKeys.ForUser(view.BuyerId));
        ReturnRefund refund;
        if (!terms.Settled)
        {
            var refunded = await buyer.RefundHoldAsync(OrderIds.Hold(view.OrderId), ReturnIds.Refund(returnId), amount, ReturnIds.Reference(returnId));
            if (refunded.Error is { } error)
            {
                return (error, null);
            }

            refund = new ReturnRefund(amount, BeforeSettlement: true, 0, 0);
        }
        else
        {
            var value = amount + terms.PlatformCoupon;
            var fromPlatform = Fee(terms.SellerSales) - Fee(terms.SellerSales - value) - terms.PlatformCoupon;
            refund = new ReturnRefund(amount, BeforeSettlement: false, amount - fromPlatform, fromPlatform);
            if (await DebitAsync(WalletKeys.ForUser(view.SellerId), "seller", refund.FromSeller, view.BuyerId, Math.Max(0, -fromPlatform)) is { } sellerShort)
            {
                return (sellerShort with { Code = ErrorCodes.SellerFundsInsufficient, Detail = $"The seller cannot pay the refund back yet: {sellerShort.Detail} An admin decides again later." }, null);
            }

            if (await DebitAsync(WalletKeys.Platform, "platform", Math.Max(0, refund.FromPlatform), view.BuyerId) is { } platformShort)
            {
                return (platformShort, null);
            }
        }

        var reservation = terms.Settled ? null : OrderIds.Reservation(view.OrderId);
        foreach (var line in view.Inspection)
        {
            var taken = await grains.GetGrain<IProductStockGrain>(line.ProductId).TakeBackAsync(reservation, line.Resellable, line.WrittenOff);
            if (taken.Error is { } error)
            {
                return (error, null);
            }
        }

        // A provider-paid order's refund goes back where the money came from: out of the buyer's wallet again, for the
        // gateway to send through the provider under the same key.
        if (terms.Payment is { PaymentId: { } paymentId } payment)
        {
            var toProvider = ReturnIds.ToProvider(returnId);
            var held = await buyer.HoldAsync(toProvider, amount, ReturnIds.Reference(returnId), null);
            if (held.Error is { } error)
            {
                return (error, null);
            }

            var paidOut = await buyer.WithdrawAsync(toProvider);
            if (paidOut.Error is { } notPaid)
            {
                return (notPaid, null);
            }

            refund = refund with { Provider = payment.Provider, PaymentId = paymentId };
        }

        return (null, refund);
    }

    /// <summary>
    /// Takes <paramref name="amount"/> from a wallet's available balance and credits it to the buyer as a refund, less
    /// <paramref name="toPlatform"/> which goes back to the platform (a hold captured at once).
    /// </summary>
    private async Task<DomainError?> DebitAsync(string walletId, string part, long amount, Guid buyerId, long toPlatform = 0)
    {
        if (amount == 0)
        {
            return null;
        }

        var wallet = grains.GetGrain<IWalletGrain>(walletId);
        var holdId = ReturnIds.Debit(returnId, part);
        var held = await wallet.HoldAsync(holdId, amount, ReturnIds.Reference(returnId), null);
        if (held.Error is { } error)
        {
            return error;
        }

        Payout[] payouts = toPlatform > 0
            ? [new Payout(WalletKeys.ForUser(buyerId), LedgerEntryTypes.Refund, amount - toPlatform), new Payout(WalletKeys.Platform, LedgerEntryTypes.Payment, toPlatform)]
            : [new Payout(WalletKeys.ForUser(buyerId), LedgerEntryTypes.Refund, amount)];
        return (await wallet.CaptureAsync(holdId, amount, payouts)).Error;
    }

    /// <summary>
    /// The replacement units take the returned units' place in the order (its reservation, or its sale once settled), so
    /// the order's counts stay; the seller ships them out of available stock. A resellable returned unit goes back to
    /// available as its replacement leaves, so only the others move: from available to written off.
    /// </summary>
    public async Task<DomainError?> ReplaceAsync(ReturnView view)
    {
        foreach (var line in view.Inspection.Where(l => l.WrittenOff > 0))
        {
            var adjusted = await grains.GetGrain<IProductStockGrain>(line.ProductId).AdjustAsync(-line.WrittenOff);
            if (adjusted.Error is { } error)
            {
                return new DomainError(ErrorCodes.InsufficientStock, $"Product {line.ProductId} has too few units available to replace {line.WrittenOff}: {error.Detail}", "outcome");
            }
        }

        return null;
    }

    /// <summary>The platform fee on <paramref name="sales"/>, rounded down as settlement rounds it.</summary>
    private long Fee(long sales) => (long)((Int128)sales * feeBps / 10_000);
}
