using GrainMarket.Sellers;

namespace GrainMarket.Orders;

/// <summary>
/// The order's side of seller points: a completion awards each seller points for what they sold, and a seller who ships
/// after the shipping deadline loses points; both inside the step's own transaction, once per order and seller (the
/// points entry ids, <see cref="PointsEntryIds"/>).
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
