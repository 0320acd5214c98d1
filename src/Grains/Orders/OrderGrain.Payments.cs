using GrainMarket.Common;
using GrainMarket.Wallets;

namespace GrainMarket.Orders;

/// <summary>
/// The order's side of provider payments: a card checkout waits in awaiting-payment, its stock reserved, until its
/// provider confirms the money (which the payment's transaction has just credited to the buyer's wallet) or its
/// deadline cancels it.
/// </summary>
public sealed partial class OrderGrain
{
    async Task<Result<OrderView>> IOrderGrain.PaidByProviderAsync(OrderPayment payment)
    {
        ArgumentNullException.ThrowIfNull(payment);
        if (await order.PerformRead(View) is not { } view)
        {
            return NotFound();
        }

        // Only an order still waiting for exactly this money takes it; anything else (cancelled at its deadline, paid
        // before, an amount that is not the total) leaves the money in the buyer's wallet, where it is theirs to spend.
        if (view.Status != OrderStatuses.AwaitingPayment || view.Total != payment.Amount || (view.Payment is { } expected && expected.Provider != payment.Provider))
        {
            return view;
        }

        var held = await GrainFactory.GetGrain<IWalletGrain>(WalletKeys.ForUser(view.BuyerId)).HoldAsync(OrderIds.Hold(OrderId), view.Total, OrderIds.Reference(OrderId), null);
        if (held is not { Value.Status: HoldStatuses.Pending })
        {
            // The money was credited in this same transaction, so the hold cannot fall short: a broken invariant aborts it all.
            throw new InvalidOperationException($"Order {OrderId} could not hold its card payment: {held.Error?.Code ?? held.Value?.Status}");
        }

        var now = timeProvider.GetUtcNow();
        return await order.PerformUpdate(s =>
        {
            s.Status = OrderStatuses.Placed;
            s.Payment = payment with { Method = s.Payment?.Method ?? payment.Method };
            s.History.Add(new OrderEvent(OrderStatuses.Placed, Guid.Empty, now));
            return View(s)!;
        });
    }

    async Task<Result<OrderRefundView>> IOrderGrain.RefundAsync(OrderRefund refund)
    {
        ArgumentNullException.ThrowIfNull(refund);
        DomainError? refusal = null;
        OrderRefundView? applied = null;
        await transactions.RunAsync(async () =>
        {
            (refusal, applied) = (null, null);
            var (view, earlier, left) = await order.PerformRead(s => (View(s), s.Refunds.GetValueOrDefault(refund.RefundId), s.Total - s.RefundedFromHold - s.RefundedAfterSettlement));
            if (view is null)
            {
                refusal = NotFound();
                return false;
            }

            if (earlier is not null)
            {
                applied = earlier;
                return true;
            }

            if (view.Status is not (OrderStatuses.Placed or OrderStatuses.Processing or OrderStatuses.Shipped or OrderStatuses.OutForDelivery or OrderStatuses.Delivered or OrderStatuses.Disputed or OrderStatuses.Completed))
            {
                refusal = new DomainError(ErrorCodes.InvalidOrderTransition, $"An order that is {view.Status} holds no payment to refund.");
                return false;
            }

            var amount = refund.Amount ?? left;
            if (amount <= 0 || amount > left)
            {
                refusal = new DomainError(ErrorCodes.RefundExceedsPaid, $"{left} of this order is left to refund; {amount} was asked for.", "amount", new Dictionary<string, long> { ["refundable"] = left });
                return false;
            }

            var settled = view.Status == OrderStatuses.Completed;
            refusal = settled ? await TakeBackSettlementAsync(view, refund.RefundId, amount) : await RefundFromHoldAsync(view, refund.RefundId, amount);
            if (refusal is not null)
            {
                return false;
            }

            // A card payment goes back where it came from: out of the buyer's wallet again (WITHDRAWAL), for the
            // gateway to pay back through the provider under this refund's id.
            var card = view.Payment is { PaymentId: { } paymentId } payment ? (payment.Provider, PaymentId: paymentId) : ((string Provider, string PaymentId)?)null;
            if (card is not null)
            {
                var buyer = GrainFactory.GetGrain<IWalletGrain>(WalletKeys.ForUser(view.BuyerId));
                var toCard = RefundHold(refund.RefundId, "card");
                EnsureResolved(await buyer.HoldAsync(toCard, amount, OrderIds.Reference(OrderId), null), "hold the refund for the card");
                EnsureResolved(await buyer.WithdrawAsync(toCard), "pay the refund out to the card");
            }

            var now = timeProvider.GetUtcNow();
            applied = new OrderRefundView(refund.RefundId, OrderId, amount, !settled, card is null ? PaymentMethods.Wallet : view.Payment!.Method, card?.Provider, card?.PaymentId, now);
            await order.PerformUpdate(s =>
            {
                s.Refunds[refund.RefundId] = applied;
                if (settled)
                {
                    s.RefundedAfterSettlement += amount;
                }
                else
                {
                    s.RefundedFromHold += amount;
                }
            });
            return true;
        });

        return refusal is not null ? refusal : applied!;
    }

    /// <summary>Before settlement: the refund comes out of the order's hold into the buyer's available balance (REFUND).</summary>
    private async Task<DomainError?> RefundFromHoldAsync(OrderView view, Guid refundId, long amount)
    {
        var refunded = await GrainFactory.GetGrain<IWalletGrain>(WalletKeys.ForUser(view.BuyerId)).RefundHoldAsync(HoldOf(view), RefundHold(refundId, "hold"), amount, OrderIds.Reference(OrderId));
        return refunded.Error;
    }

    /// <summary>
    /// After settlement: each party settlement paid (sellers, courier, platform) gives back its share of the refund in
    /// proportion to what it received, as a hold captured at once into the buyer's wallet (REFUND). A party that lacks
    /// its share refuses the refund (seller-funds-insufficient) and nothing of it is applied.
    /// </summary>
    private async Task<DomainError?> TakeBackSettlementAsync(OrderView view, Guid refundId, long amount)
    {
        var (_, remaining) = await RemainingAfterReturnsAsync(view);
        var shares = Settlement.Scale(SplitOf(remaining), amount);
        for (var i = 0; i < shares.Count; i++)
        {
            var share = shares[i];
            var party = GrainFactory.GetGrain<IWalletGrain>(share.WalletId);
            var holdId = RefundHold(refundId, $"party:{i}");
            var held = await party.HoldAsync(holdId, share.Amount, OrderIds.Reference(OrderId), null);
            if (held.Error is { } lacking)
            {
                return lacking with { Code = ErrorCodes.SellerFundsInsufficient, Detail = $"Wallet {share.WalletId} cannot give back its share ({share.Amount}) of the refund yet: {lacking.Detail}" };
            }

            EnsureResolved(await party.CaptureAsync(holdId, share.Amount, [new Payout(WalletKeys.ForUser(view.BuyerId), LedgerEntryTypes.Refund, share.Amount)]), "take back a share of the refund");
        }

        return null;
    }

    /// <summary>How settlement splits <paramref name="view"/>'s money (its lines, fee and shipping), before any refund cuts it.</summary>
    private IReadOnlyList<Payout> SplitOf(OrderView view) =>
        Settlement.Split(view.Items, settings.PlatformFeeBps, new ShippingSettlement(view.ShippingCharge, view.CourierId, settings.CourierShareBps, ByPlatformCarrier(view)));

    /// <summary>The ids of a refund's holds and operations: one per part, so each applies once.</summary>
    private string RefundHold(Guid refundId, string part) => $"order:{OrderId:N}:refund:{refundId:N}:{part}";
}
