using GrainMarket.Mail;
using GrainMarket.Notifications;
using GrainMarket.Orders;

namespace GrainMarket.Gateway.Tests.Notifications;

/// <summary>The rules of what an order's event tells whom (<see cref="OrderNotices"/>), for the steps the journeys do not take.</summary>
public sealed class OrderNoticesTests
{
    private static readonly DateTimeOffset At = new(2031, 5, 1, 9, 30, 0, TimeSpan.Zero);
    private static readonly Guid Buyer = Guid.NewGuid();
    private static readonly Guid Seller = Guid.NewGuid();
    private static readonly Guid OtherSeller = Guid.NewGuid();

    [Fact]
    public void A_pay_after_win_order_cancelled_unpaid_at_its_deadline_tells_the_winner_it_was_missed_and_mails_only_the_seller()
    {
        var order = Order(OrderStatuses.Cancelled, auction: true, (OrderStatuses.AwaitingPayment, Guid.Empty), (OrderStatuses.Cancelled, Guid.Empty));
        var notices = OrderNotices.For(MailBrand.Default, order, 2, OrderStatuses.Cancelled, At);

        Assert.Equal([(Buyer, "auction-payment-missed", 0), (Seller, "order-cancelled", 1)], Summary(notices));
        Assert.Equal($"order:{order.Id:N}:2:auction-payment-missed", notices[0].InApp.Id);
        Assert.Equal("It was not paid in time. Do not ship it.", notices[1].InApp.Body);
        Assert.Equal(At, notices[0].InApp.At);
    }

    [Fact]
    public void The_payment_due_of_a_won_auction_names_the_amount_and_the_deadline_and_mails_the_auction_won_e_mail()
    {
        var order = Order(OrderStatuses.AwaitingPayment, auction: true, (OrderStatuses.AwaitingPayment, Guid.Empty));
        var notice = Assert.Single(OrderNotices.For(MailBrand.Default, order, 1, OrderStatuses.AwaitingPayment, At));

        Assert.Equal((Buyer, "auction-payment-due"), (notice.UserId, notice.InApp.Type));
        Assert.Equal("You won the auction: pay USD 30.00 by 2031-05-02 09:30 UTC.", notice.InApp.Body);
        Assert.Equal([MailKinds.AuctionWon], notice.Mails.Select(m => m.Kind));
    }

    [Fact]
    public void A_cancellation_says_who_cancelled_the_order_to_the_buyer_and_to_every_seller()
    {
        var admin = Guid.NewGuid();
        foreach (var (actor, reason) in new[] { (admin, "An admin cancelled it."), (Guid.Empty, "It was cancelled automatically."), (OtherSeller, "The seller cancelled it.") })
        {
            var order = Order(OrderStatuses.Cancelled, auction: false, (OrderStatuses.Placed, Buyer), (OrderStatuses.Cancelled, actor));
            var notices = OrderNotices.For(MailBrand.Default, order, 2, OrderStatuses.Cancelled, At);

            Assert.Equal([(Buyer, "order-cancelled", 1), (Seller, "order-cancelled", 1), (OtherSeller, "order-cancelled", 1)], Summary(notices));
            Assert.Equal($"{reason} USD 30.00 is back in your wallet.", notices[0].InApp.Body);
            Assert.All(notices.Skip(1), n => Assert.Equal($"{reason} Do not ship it.", n.InApp.Body));
        }
    }

    [Fact]
    public void Out_for_delivery_tells_only_the_buyer_with_the_shipping_update_and_steps_without_a_notice_tell_no_one()
    {
        var order = Order(OrderStatuses.OutForDelivery, auction: false, (OrderStatuses.Placed, Buyer));
        var notice = Assert.Single(OrderNotices.For(MailBrand.Default, order, 5, OrderStatuses.OutForDelivery, At));

        Assert.Equal((Buyer, "order-out-for-delivery"), (notice.UserId, notice.InApp.Type));
        Assert.Equal([MailKinds.ShippingUpdate], notice.Mails.Select(m => m.Kind));
        Assert.Empty(OrderNotices.For(MailBrand.Default, order, 6, OrderStatuses.Disputed, At));
        Assert.Empty(OrderNotices.For(MailBrand.Default, order, 7, "picked-up", At));
    }

    private static List<(Guid UserId, string Kind, int Mails)> Summary(IReadOnlyList<EventNotice> notices) =>
        [.. notices.Select(n => (n.UserId, n.InApp.Type, n.Mails.Count))];

    /// <summary>An order of 30.00 from <see cref="Seller"/> (and, unless it is an auction's, <see cref="OtherSeller"/>).</summary>
    private static OrderView Order(string status, bool auction, params (string Status, Guid Actor)[] history)
    {
        List<OrderLine> lines = auction
            ? [new(Guid.NewGuid(), Seller, "Clock", 30_00, 1)]
            : [new(Guid.NewGuid(), Seller, "Flour", 10_00, 2), new(Guid.NewGuid(), OtherSeller, "Salt", 10_00, 1)];
        return new OrderView(
            Guid.NewGuid(), Buyer, status, 30_00, lines, null, [.. history.Select(h => new OrderEvent(h.Status, h.Actor, At))], null, At,
            lines.Select(l => l.SellerId).Distinct().ToDictionary(s => s, _ => status), auction ? Guid.NewGuid() : null, auction ? At.AddDays(1) : null);
    }
}
