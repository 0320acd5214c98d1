using GrainMarket.Common;
using GrainMarket.Returns;
using GrainMarket.Wallets;

namespace GrainMarket.Orders;

/// <summary>
/// The order's side of returns: it records each return's claim on its lines (so that no unit is returned twice), keeps
/// an open return from completing it, and settles at completion only what refunds before settlement left.
/// </summary>
public sealed partial class OrderGrain
{
    async Task<Result<IReadOnlyList<OrderLine>>> IOrderGrain.ClaimReturnAsync(ReturnClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var state = await order.PerformRead(s => (View: View(s), Claimed: s.Returns.GetValueOrDefault(claim.ReturnId)?.Lines.ToList(), ClaimedByOthers: ClaimedUnits(s)));
        if (state.View is not { } view || view.BuyerId != claim.BuyerId)
        {
            return NotFound();
        }

        if (state.Claimed is { } claimed)
        {
            return claimed;
        }

        if (view.AuctionId is not null || view.Status is not (OrderStatuses.Delivered or OrderStatuses.Completed))
        {
            return new DomainError(ErrorCodes.OrderNotReturnable, view.AuctionId is null ? $"An order that is {view.Status} cannot be returned: only a delivered or completed one." : "An auction's order cannot be returned.", "orderId");
        }

        if (view.History.LastOrDefault(e => e.Status == OrderStatuses.Delivered) is not { } delivered || delivered.At < claim.DeliveredSince)
        {
            return new DomainError(ErrorCodes.ReturnWindowClosed, "The return window after this order's delivery has closed.", "orderId");
        }

        var lines = new List<OrderLine>();
        foreach (var requested in claim.Lines.GroupBy(l => l.ProductId))
        {
            if (view.Items.FirstOrDefault(i => i.ProductId == requested.Key) is not { } bought)
            {
                return DomainError.Invalid("lines.productId", $"must be a product of the order ({requested.Key} is not)");
            }

            var quantity = requested.Sum(l => l.Quantity);
            var returnable = bought.Quantity - state.ClaimedByOthers.GetValueOrDefault(bought.ProductId);
            if (quantity > returnable)
            {
                return new DomainError(
                    ErrorCodes.ReturnQuantityExceeded,
                    $"Only {returnable} units of product {bought.ProductId} can still be returned; {quantity} were asked for.",
                    "lines.quantity",
                    new Dictionary<string, long> { ["returnable"] = returnable, ["requested"] = quantity });
            }

            lines.Add(bought with { Quantity = quantity, CouponShare = CouponShareOf(bought, state.ClaimedByOthers.GetValueOrDefault(bought.ProductId), quantity) });
        }

        if (lines.Select(l => l.SellerId).Distinct().Count() != 1)
        {
            return DomainError.Invalid("lines", "must all be products of one seller: request one return per seller");
        }

        await order.PerformUpdate(s => s.Returns[claim.ReturnId] = new OrderReturnRecord { Lines = lines });
        return lines;
    }

    async Task<Result<OrderReturnTerms>> IOrderGrain.ResolveReturnAsync(ReturnResolution resolution)
    {
        ArgumentNullException.ThrowIfNull(resolution);
        var returnedAfterSettlement = 0L;
        var resolved = await order.PerformUpdate<Result<OrderReturnTerms>>(s =>
        {
            if (!s.Returns.TryGetValue(resolution.ReturnId, out var record))
            {
                return new DomainError(ErrorCodes.ReturnNotFound, $"Order {OrderId} has no return {resolution.ReturnId}.");
            }

            var sellerId = record.Lines[0].SellerId;
            // What settlement paid the seller on: the value before a platform's coupon, after a seller's own.
            var platformFunded = s.Coupon?.FundedBy == Promotions.CouponFunding.Platform;
            var sellerSales = Remaining(s).Where(l => l.SellerId == sellerId).Sum(l => platformFunded ? l.Goods : l.LineTotal);
            var terms = new OrderReturnTerms(s.Status == OrderStatuses.Completed, sellerSales, platformFunded ? record.Lines.Sum(l => l.CouponShare) : 0, s.Payment is { PaymentId: not null } paid ? paid : null);
            if (!record.IsOpen)
            {
                return terms;
            }

            // An admin's refunds count too: what was paid is refunded once, whichever way.
            var amount = record.Lines.Sum(l => l.LineTotal);
            var left = s.Total - s.RefundedFromHold - s.RefundedAfterSettlement;
            if (resolution.Outcome == ReturnOutcomes.Refund && amount > left)
            {
                return new DomainError(ErrorCodes.RefundExceedsPaid, $"The return is worth {amount}, but only {left} of this order is left to refund.", "outcome", new Dictionary<string, long> { ["refundable"] = left });
            }

            record.Outcome = resolution.Outcome;
            record.ResolvedAt = timeProvider.GetUtcNow();
            if (record.TookBack && !terms.Settled)
            {
                s.RefundedFromHold = checked(s.RefundedFromHold + amount);
            }
            else if (record.TookBack)
            {
                s.RefundedAfterSettlement = checked(s.RefundedAfterSettlement + amount);
                returnedAfterSettlement = amount;
            }

            return terms;
        });

        if (returnedAfterSettlement > 0)
        {
            await TakeBackSalePointsAsync(resolution.ReturnId, resolved.Value!, returnedAfterSettlement);
            await ClawBackCommissionAsync(resolution.ReturnId);
        }

        return resolved;
    }

    /// <summary>
    /// What completion settles once returns are counted: refused while a return is open (the completion reminder tries
    /// again a period later); otherwise the order less what refunds before settlement took back, its total lowered by
    /// the refunds and each line by its units taken back (a line may keep no unit: its reservation still resolves).
    /// </summary>
    private async Task<(DomainError? Refusal, OrderView Remaining)> RemainingAfterReturnsAsync(OrderView view)
    {
        var (open, refunded, remaining) = await order.PerformRead(s => (s.Returns.Values.Any(r => r.IsOpen), s.RefundedFromHold, Remaining(s)));
        if (open)
        {
            return (new DomainError(ErrorCodes.ReturnOpen, "A return of this order is under way: it completes once the return is resolved."), view);
        }

        return (null, view with
        {
            Total = view.Total - refunded,
            Items = remaining,
        });
    }

    /// <summary>An order whose every line was refunded before settlement, with no shipping charge: nothing is left to capture.</summary>
    private async Task<DomainError?> ReleaseFullyRefundedAsync(OrderView view)
    {
        EnsureResolved(await GrainFactory.GetGrain<IWalletGrain>(WalletKeys.ForUser(view.BuyerId)).ReleaseAsync(HoldOf(view)), "release the emptied hold");
        foreach (var line in StockedLines(view))
        {
            EnsureResolved(await GrainFactory.GetGrain<Inventory.IProductStockGrain>(line.ProductId).CommitReservationAsync(OrderIds.Reservation(OrderId)), "resolve the emptied reservation");
        }

        return null;
    }

    /// <summary>
    /// The coupon share of <paramref name="quantity"/> units of <paramref name="line"/> claimed after
    /// <paramref name="claimedBefore"/> others: the line's share prorated by units claimed so far, rounded up, less what
    /// the units before took. The claims' shares add up to the line's share once every unit is claimed, so refunds never
    /// pay back more than the line cost.
    /// </summary>
    private static long CouponShareOf(OrderLine line, int claimedBefore, int quantity) =>
        ProratedUp(line.CouponShare, claimedBefore + quantity, line.Quantity) - ProratedUp(line.CouponShare, claimedBefore, line.Quantity);

    private static long ProratedUp(long share, int units, int of) => (long)(((Int128)share * units + of - 1) / of);

    /// <summary>The order's lines less what refunded returns took back: their units and their coupon shares.</summary>
    private static List<OrderLine> Remaining(OrderState s)
    {
        var returned = s.Returns.Values.Where(r => r.TookBack).SelectMany(r => r.Lines).GroupBy(l => l.ProductId)
            .ToDictionary(g => g.Key, g => (Units: g.Sum(l => l.Quantity), Share: g.Sum(l => l.CouponShare)));
        return [.. s.Lines.Select(l => returned.TryGetValue(l.ProductId, out var back) ? l with { Quantity = l.Quantity - back.Units, CouponShare = l.CouponShare - back.Share } : l)];
    }

    /// <summary>Units of each product claimed by returns that are not rejected.</summary>
    private static Dictionary<Guid, int> ClaimedUnits(OrderState s) => UnitsOf(s.Returns.Values.Where(r => r.Claims));


    private static Dictionary<Guid, int> UnitsOf(IEnumerable<OrderReturnRecord> returns) =>
        returns.SelectMany(r => r.Lines).GroupBy(l => l.ProductId).ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity));
}
