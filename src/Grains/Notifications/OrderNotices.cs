using GrainMarket.Mail;
using GrainMarket.Orders;

namespace GrainMarket.Notifications;

/// <summary>
/// What an entry of an order's history tells whom (docs/notifications.md): in-app notifications and e-mails, decided
/// from the event and the order as it is when the event is taken. Ids are derived from the order, the event's sequence
/// and the kind, so a re-taken event is shown once. Free of I/O.
/// </summary>
public static class OrderNotices
{
    public static IReadOnlyList<EventNotice> For(MailBrand brand, OrderView order, long sequence, string status, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(brand);
        ArgumentNullException.ThrowIfNull(order);
        var number = OrderMails.Number(order);
        var buyer = order.BuyerId;
        var sellers = order.SellerIds.ToList();
        EventNotice Notice(Guid userId, string kind, string title, string body, params MailContent[] mails) =>
            new(userId, new Notification($"order:{order.Id:N}:{sequence}:{kind}", kind, title, body, $"/api/orders/{order.Id}", at), mails);

        return status switch
        {
            OrderStatuses.AwaitingPayment =>
            [
                Notice(buyer, NotificationTypes.AuctionPaymentDue, $"Pay for order {number}", order.PaymentDueAt is { } due
                    ? $"You won the auction: pay {brand.Money(order.Total)} by {due.UtcDateTime:yyyy-MM-dd HH:mm} UTC."
                    : $"You won the auction: pay {brand.Money(order.Total)} now.", OrderMails.AuctionWon(brand, order)),
            ],
            OrderStatuses.Placed =>
            [
                Notice(buyer, NotificationTypes.OrderPlaced, $"Order {number} placed", $"You paid {brand.Money(order.Total)} from your wallet; it is held until the order completes.",
                    OrderMails.Confirmation(brand, order), OrderMails.PaymentReceipt(brand, order, at)),
                .. sellers.Select(seller => Notice(seller, NotificationTypes.NewOrder, $"New order {number}", "Accept it and ship your lines.", OrderMails.NewOrder(brand, order, seller))),
            ],
            OrderStatuses.Processing => [Notice(buyer, NotificationTypes.OrderAccepted, $"Order {number} accepted", "The seller accepted your order and is preparing it.")],
            OrderStatuses.Shipped =>
                [Notice(buyer, NotificationTypes.OrderShipped, $"Order {number} shipped", "Your order is on its way.", OrderMails.ShippingUpdate(brand, order, status))],
            OrderStatuses.OutForDelivery =>
                [Notice(buyer, NotificationTypes.OrderOutForDelivery, $"Order {number} is out for delivery", "A courier is bringing it to you.", OrderMails.ShippingUpdate(brand, order, status))],
            OrderStatuses.Delivered =>
            [
                Notice(buyer, NotificationTypes.OrderDelivered, $"Order {number} delivered", "If something is wrong with it, tell us before it completes.", OrderMails.Delivered(brand, order)),
                .. sellers.Select(seller => Notice(seller, NotificationTypes.OrderDelivered, $"Order {number} delivered", "The buyer has it; it completes after the dispute window.")),
            ],
            OrderStatuses.Completed =>
            [
                Notice(buyer, NotificationTypes.OrderCompleted, $"Order {number} completed", "How was it? Review what you bought.", OrderMails.FeedbackRequest(brand, order)),
                .. sellers.Select(seller => Notice(seller, NotificationTypes.OrderCompleted, $"Order {number} completed", "Its payment was released to your wallet.")),
            ],
            OrderStatuses.Cancelled => Cancelled(brand, order, sequence, Notice),
            _ => [],
        };
    }

    private static List<EventNotice> Cancelled(MailBrand brand, OrderView order, long sequence, Func<Guid, string, string, string, MailContent[], EventNotice> notice)
    {
        var number = OrderMails.Number(order);
        var actor = sequence >= 1 && sequence <= order.History.Count ? order.History[(int)sequence - 1].ActorId : Guid.Empty;
        var neverPaid = !order.History.Any(h => h.Status == OrderStatuses.Placed);
        var sellers = order.SellerIds.Select(seller => notice(seller, NotificationTypes.OrderCancelled, $"Order {number} cancelled", $"{Reason(order, actor, neverPaid, toBuyer: false)} Do not ship it.", [OrderMails.Cancelled(brand, order, toBuyer: false)]));
        if (order.AuctionId is not null && neverPaid && actor == Guid.Empty)
        {
            // The pay-after-win deadline passed: nothing was paid, so nothing is refunded (the cancellation e-mail would say so).
            return [notice(order.BuyerId, NotificationTypes.AuctionPaymentMissed, $"Order {number} cancelled: not paid in time", "The payment deadline of the auction you won passed; it counts as a payment violation.", []), .. sellers];
        }

        var refund = neverPaid ? "" : $" {brand.Money(order.Total)} is back in your wallet.";
        return [notice(order.BuyerId, NotificationTypes.OrderCancelled, $"Order {number} cancelled", $"{Reason(order, actor, neverPaid, toBuyer: true)}{refund}", [OrderMails.Cancelled(brand, order, toBuyer: true)]), .. sellers];
    }

    /// <summary>Why the order was cancelled, as far as its history says: who cancelled it.</summary>
    private static string Reason(OrderView order, Guid actor, bool neverPaid, bool toBuyer) =>
        actor == order.BuyerId ? (toBuyer ? "You cancelled it." : "The buyer cancelled it.")
        : order.SellerIds.Contains(actor) ? "The seller cancelled it."
        : actor == Guid.Empty ? (neverPaid ? "It was not paid in time." : "It was cancelled automatically.")
        : "An admin cancelled it.";
}
