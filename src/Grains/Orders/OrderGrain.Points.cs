using GrainMarket.Returns;
using GrainMarket.Sellers;

namespace GrainMarket.Orders;

/// <summary>
/// The order's side of seller points: a completion awards each seller points for what they sold, a seller who ships
/// after the shipping deadline loses points, and a return refunded after settlement takes back the points of what it
/// returned; each inside its step's own transaction and under a deterministic entry id (<see cref="PointsEntryIds"/>:
/// per order and seller, or per return), so nothing counts twice.
/// </summary>
public sealed partial class OrderGrain
{
    /// <summary>Each seller's points for their lines that were not returned (<see cref="SellerPointsSettings.PointsFor"/>).</summary>
    private async Task AwardSalePointsAsync(OrderView remaining)
    {
        foreach (var lines in remaining.Items.GroupBy(l => l.SellerId))
        {
            var sales = lines.Sum(l => checked(l.UnitPrice * l.Quantity));
            if (sellerPoints.PointsFor(sales) is var points and > 0)
            {
                await GrainFactory.GetGrain<ISellerPointsGrain>(lines.Key).AwardAsync(PointsEntryIds.Sale(OrderId, lines.Key), points, $"Order {OrderId} completed: {sales} sold");
            }
        }
    }

    /// <summary>
    /// After settlement, a refunded return takes back the points of what it returned, in the decision's transaction: the
    /// seller then holds the points of what they still sold (<see cref="SellerPointsSettings.PointsFor"/> of it), exactly
    /// as if the return had come before completion.
    /// </summary>
    private async Task TakeBackSalePointsAsync(Guid returnId, OrderReturnTerms terms, long returned)
    {
        var sold = terms.SellerSales;
        if (sellerPoints.PointsFor(sold) - sellerPoints.PointsFor(sold - returned) is var points and > 0)
        {
            var sellerId = await order.PerformRead(s => s.Returns[returnId].Lines[0].SellerId);
            await GrainFactory.GetGrain<ISellerPointsGrain>(sellerId).PenalizeAsync(PointsEntryIds.SaleReturned(OrderId, returnId), points, $"Return {returnId} of order {OrderId}: {returned} sold before refunded");
        }
    }

    /// <summary>
    /// A penalty for each of <paramref name="shipping"/> when the order was placed more than the shipping deadline
    /// before <paramref name="now"/> (placed: its last move to placed, which an auction's order makes when it is paid).
    /// </summary>
    private async Task PenalizeLateShippingAsync(OrderView view, IEnumerable<Guid> shipping, DateTimeOffset now)
    {
        var placedAt = view.History.LastOrDefault(e => e.Status == OrderStatuses.Placed)?.At ?? view.CreatedAt;
        if (now - placedAt <= sellerPoints.ShippingDeadline || sellerPoints.LateShippingPenalty == 0)
        {
            return;
        }

        foreach (var seller in shipping)
        {
            await GrainFactory.GetGrain<ISellerPointsGrain>(seller).PenalizeAsync(
                PointsEntryIds.LateShipping(OrderId, seller), sellerPoints.LateShippingPenalty, $"Order {OrderId} shipped {now - placedAt:d\\.hh\\:mm} after it was placed");
        }
    }
}
