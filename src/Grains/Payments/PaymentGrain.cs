using GrainMarket.Orders;
using GrainMarket.Wallets;
using Microsoft.Extensions.Logging;

namespace GrainMarket.Payments;

/// <summary>
/// A provider payment: applies each verified provider event once, with its effects, in one transaction. The event ids
/// applied are kept in the state written by that transaction, so a redelivered event finds itself and changes nothing;
/// the transactional locks put two deliveries of one event one after the other.
/// </summary>
[GrainType("payment")]
public sealed class PaymentGrain(
    [TransactionalState("payment")] ITransactionalState<PaymentState> payment,
    TimeProvider timeProvider,
    ILogger<PaymentGrain> logger) : Grain, IPaymentGrain
{
    async Task<PaymentView> IPaymentGrain.OpenAsync(PaymentOpening opening)
    {
        ArgumentNullException.ThrowIfNull(opening);
        var now = timeProvider.GetUtcNow();
        return await payment.PerformUpdate(s =>
        {
            if (s.Status is null)
            {
                (s.Status, s.Provider, s.PaymentId, s.Purpose, s.UserId, s.OrderId, s.Amount) =
                    (PaymentStatuses.Pending, opening.Provider, opening.PaymentId, opening.Purpose, opening.UserId, opening.OrderId, opening.Amount);
                s.UpdatedAt = now;
            }

            if (s.VerifyUntil is not { } until || until < opening.VerifyUntil)
            {
                s.VerifyUntil = opening.VerifyUntil;
            }

            return s.View()!;
        });
    }

    async Task<PaymentView> IPaymentGrain.ApplyAsync(PaymentEvent reported)
    {
        ArgumentNullException.ThrowIfNull(reported);
        var current = await payment.PerformRead(s => (Applied: s.AppliedEvents.Contains(reported.EventId), s.Status, View: s.View(), Opened: s.VerifyUntil is not null, s.Purpose, s.UserId, s.OrderId));
        if (current.Applied)
        {
            return current.View!;
        }

        // What GrainMarket recorded when it created the payment wins over what the event reports about it (a provider
        // that carries no metadata, or metadata another party could have set).
        var e = current.Opened ? reported with { Purpose = current.Purpose, UserId = current.UserId, OrderId = current.OrderId } : reported;

        var status = current.Status ?? PaymentStatuses.Pending;
        string? outcome = null;
        var credited = 0L;
        switch (e.Kind)
        {
            case PaymentEventKinds.Succeeded when status is PaymentStatuses.Pending or PaymentStatuses.Failed:
                credited = e.Amount;
                outcome = await CreditAsync(e);
                status = PaymentStatuses.Succeeded;
                break;
            case PaymentEventKinds.Failed when status is PaymentStatuses.Pending:
                status = PaymentStatuses.Failed;
                break;
            case PaymentEventKinds.Refunded:
                // Final: a success reported after this (a late or replayed event) finds it refunded and changes nothing.
                status = PaymentStatuses.Refunded;
                break;
            default:
                // A second success, a failure after a success, anything after a refund: recorded, nothing else.
                break;
        }

        var now = timeProvider.GetUtcNow();
        var view = await payment.PerformUpdate(s =>
        {
            // The owner as the first event that names one says (Razorpay's payment.failed and refund.processed name none).
            if (s.Status is null || (s.UserId == Guid.Empty && e.UserId != Guid.Empty))
            {
                (s.Provider, s.PaymentId, s.Purpose, s.UserId, s.OrderId) = (e.Provider, e.PaymentId, e.Purpose, e.UserId, e.OrderId);
            }

            s.Payer ??= e.Payer;
            s.Status = status;
            s.Credited += credited;
            s.Outcome = outcome ?? s.Outcome;
            if (e.Kind == PaymentEventKinds.Refunded)
            {
                s.Refunded = Math.Max(s.Refunded, e.Amount);
            }

            s.AppliedEvents.Add(e.EventId);
            s.UpdatedAt = now;
            return s.View()!;
        });
        logger.LogInformation("Payment {Provider} {PaymentId}: event {EventId} ({Kind}) applied, now {Status}", e.Provider, e.PaymentId, e.EventId, e.Kind, view.Status);
        return view;
    }

    Task<PaymentView?> IPaymentGrain.GetAsync() => payment.PerformRead(s => s.View());

    /// <summary>
    /// Credits the money to the payer's wallet as TOPUP (it enters the platform here), then, for an order, lets the order
    /// hold it; an order that no longer waits for it leaves it in the wallet. Returns what became of it.
    /// </summary>
    private async Task<string> CreditAsync(PaymentEvent e)
    {
        var reference = PaymentKeys.Credit(e.Provider, e.PaymentId);
        var credit = await GrainFactory.GetGrain<IWalletGrain>(WalletKeys.ForUser(e.UserId)).CreditAsync(reference, LedgerEntryTypes.Topup, e.Amount, reference);
        if (!credit.Succeeded)
        {
            throw new InvalidOperationException($"Payment {e.Provider} {e.PaymentId} could not credit wallet {e.UserId}: {credit.Error!.Code} {credit.Error.Detail}");
        }

        if (e is not { Purpose: PaymentPurposes.Order, OrderId: { } orderId })
        {
            return "credited";
        }

        var placed = await GrainFactory.GetGrain<IOrderGrain>(orderId).PaidByProviderAsync(new OrderPayment(PaymentMethods.Of(e.Provider), e.Provider, e.PaymentId, e.Amount));
        return placed.Value is { Payment.PaymentId: { } paidBy } && paidBy == e.PaymentId ? "order-placed" : "kept-in-wallet";
    }
}
