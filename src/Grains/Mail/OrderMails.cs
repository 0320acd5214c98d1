using System.Globalization;
using GrainMarket.Orders;

namespace GrainMarket.Mail;

/// <summary>The order e-mails, written by the mailer from the orders' events (see docs/email.md for which event mails whom).</summary>
public static class OrderMails
{
    public static MailContent Confirmation(MailBrand brand, OrderView order) =>
        new MailComposer(brand)
            .Paragraph($"Thank you for your order {Number(order)}. We have told the seller; here is what you bought:")
            .Table(Lines(brand, order.Items, order.ShippingCharge, order.Total))
            .Link("See your order", OrderLink(brand, order))
            .Build(MailKinds.OrderConfirmation, $"Order {Number(order)} confirmed");

    public static MailContent PaymentReceipt(MailBrand brand, OrderView order, DateTimeOffset at) =>
        new MailComposer(brand)
            .Paragraph($"We received your payment of {brand.Money(order.Total)} for order {Number(order)} from your {brand.MarketplaceName} wallet on {Date(at)}.")
            .Paragraph("It is held in escrow and paid to the seller when the order is completed; a cancelled order is refunded in full.")
            .Table([("Paid from wallet", brand.Money(order.Total))])
            .Build(MailKinds.PaymentReceipt, $"Payment receipt for order {Number(order)}");

    /// <summary>To each seller: their own lines of the order.</summary>
    public static MailContent NewOrder(MailBrand brand, OrderView order, Guid sellerId)
    {
        var lines = order.Items.Where(l => l.SellerId == sellerId).ToList();
        return new MailComposer(brand)
            .Paragraph($"You have a new order, {Number(order)}. Please accept it and ship these lines:")
            .Table(Lines(brand, lines, null, lines.Sum(l => l.LineTotal)))
            .Link("See the order", OrderLink(brand, order))
            .Build(MailKinds.NewOrder, $"New order {Number(order)}");
    }

    public static MailContent AuctionWon(MailBrand brand, OrderView order) =>
        new MailComposer(brand)
            .Paragraph($"You won the auction for {string.Join(", ", order.Items.Select(l => l.Title))}. Your order is {Number(order)}.")
            .Paragraph(order.PaymentDueAt is { } due
                ? $"Please pay {brand.Money(order.Total)} by {Date(due)}; an unpaid win counts as a payment violation and goes to the next bidder."
                : $"Please pay {brand.Money(order.Total)} now.")
            .Link("Pay for your order", OrderLink(brand, order))
            .Build(MailKinds.AuctionWon, $"You won: payment due for order {Number(order)}");

    public static MailContent ShippingUpdate(MailBrand brand, OrderView order, string status) =>
        new MailComposer(brand)
            .Paragraph(status == OrderStatuses.OutForDelivery
                ? $"Your order {Number(order)} is out for delivery: a courier is bringing it to you."
                : $"Your order {Number(order)} has been shipped.")
            .Link("Track your order", OrderLink(brand, order))
            .Build(MailKinds.ShippingUpdate, status == OrderStatuses.OutForDelivery ? $"Order {Number(order)} is out for delivery" : $"Order {Number(order)} shipped");

    public static MailContent Delivered(MailBrand brand, OrderView order) =>
        new MailComposer(brand)
            .Paragraph($"Your order {Number(order)} was delivered. If something is wrong with it, tell us from the order's page before it completes.")
            .Link("See your order", OrderLink(brand, order))
            .Build(MailKinds.Delivered, $"Order {Number(order)} delivered");

    public static MailContent FeedbackRequest(MailBrand brand, OrderView order) =>
        new MailComposer(brand)
            .Paragraph($"Your order {Number(order)} is complete. How was it? A review of {string.Join(", ", order.Items.Select(l => l.Title))} helps other buyers and the seller.")
            .Link("Review your order", brand.Link($"orders/{order.Id:D}/review"))
            .Build(MailKinds.FeedbackRequest, $"How was order {Number(order)}?");

    public static MailContent Cancelled(MailBrand brand, OrderView order, bool toBuyer) =>
        new MailComposer(brand)
            .Paragraph(toBuyer
                ? $"Your order {Number(order)} was cancelled. What you paid for it ({brand.Money(order.Total)}) is back in your wallet."
                : $"Order {Number(order)} was cancelled: do not ship it.")
            .Link("See the order", OrderLink(brand, order))
            .Build(MailKinds.OrderCancelled, $"Order {Number(order)} cancelled");

    /// <summary>The order's short number: the first 8 hex digits of its id, as the web pages show it.</summary>
    public static string Number(OrderView order) => order.Id.ToString("N", CultureInfo.InvariantCulture)[..8].ToUpperInvariant();

    private static string OrderLink(MailBrand brand, OrderView order) => brand.Link($"orders/{order.Id:D}");

    private static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static IEnumerable<(string, string)> Lines(MailBrand brand, IEnumerable<OrderLine> lines, long? shipping, long total)
    {
        foreach (var line in lines)
        {
            yield return ($"{line.Quantity} × {line.Title} at {brand.Money(line.UnitPrice)}", brand.Money(line.LineTotal));
        }

        if (shipping is { } charge)
        {
            yield return ("Shipping", brand.Money(charge));
        }

        yield return ("Total", brand.Money(total));
    }
}
