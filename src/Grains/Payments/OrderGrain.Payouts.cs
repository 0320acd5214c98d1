using GrainMarket.Payments;
using GrainMarket.Wallets;

namespace GrainMarket.Orders;

/// <summary>The order's side of Stripe Connect payouts: settlement pays a seller with a ready connected account by a transfer.</summary>
public sealed partial class OrderGrain
{
    /// <summary>
    /// At completion, in its transaction, after the capture credited every party (PAYMENT, and FEE to the platform): each
    /// seller whose payout account can receive transfers has the share the capture paid them leave the platform again
    /// (a hold of it paid out as WITHDRAWAL), and the transfer of it to their account is recorded, pending, for the
    /// gateway to send. What the same settlement took back out of the seller's wallet (a commission they fund) is not
    /// transferred. Sellers without a ready account keep their share in their wallet.
    /// </summary>
    private async Task TransferToConnectedAccountsAsync(OrderView view, IReadOnlyList<Payout> shares)
    {
        foreach (var sellerId in view.SellerIds.Distinct().Order())
        {
            var walletId = WalletKeys.ForUser(sellerId);
            var share = shares.Where(p => p.WalletId == walletId && p.Type == LedgerEntryTypes.Payment).Sum(p => p.Amount);
            if (share <= 0 || await GrainFactory.GetGrain<IPayoutAccountGrain>(sellerId).GetAsync() is not { CanReceiveTransfers: true } account)
            {
                continue;
            }

            var wallet = GrainFactory.GetGrain<IWalletGrain>(walletId);
            var amount = Math.Min(share, (await wallet.GetBalanceAsync()).Available);
            if (amount <= 0)
            {
                continue;
            }

            var holdId = PayoutKeys.Hold(OrderId, sellerId);
            EnsureResolved(await wallet.HoldAsync(holdId, amount, OrderIds.Reference(OrderId), null), "hold the seller's share for their transfer");
            EnsureResolved(await wallet.WithdrawAsync(holdId), "pay the seller's share out to their connected account");
            await GrainFactory.GetGrain<IPayoutTransferGrain>(PayoutKeys.Transfer(OrderId, sellerId)).RecordAsync(new PayoutTransferOrder(OrderId, sellerId, account.Provider, account.AccountId, amount));
        }
    }
}
