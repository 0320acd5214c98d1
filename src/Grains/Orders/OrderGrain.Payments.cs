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
            s.Payment = payment with { Method = s.Payment?.Method ?? PaymentMethods.Card };
            s.History.Add(new OrderEvent(OrderStatuses.Placed, Guid.Empty, now));
            return View(s)!;
        });
    }
}
