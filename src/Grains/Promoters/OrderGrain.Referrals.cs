using GrainMarket.Common;
using GrainMarket.Promoters;
using GrainMarket.Wallets;
using Microsoft.Extensions.DependencyInjection;

namespace GrainMarket.Orders;

/// <summary>
/// The order's side of referrals (docs/promoters.md): checkout attributes the order to a referral code's promoter and
/// fixes its lines' commission terms; completion pays the commission on what the lines still sell, from the platform's
/// or the sellers' wallets, inside its transaction; a refund after completion takes back, in its own transaction, what
/// the refunded units earned, so the promoter keeps exactly the commission on what stays sold.
/// </summary>
public sealed partial class OrderGrain
{
    /// <summary>
    /// The referral the checkout records, or none: the code's promoter, whether they are paid now, and the terms of the
    /// lines the code covers (a product's code covers that product only). A code typed at checkout that is unknown,
    /// inactive, covers none of the lines or is the buyer's own refuses the checkout; one from a link is then dropped.
    /// </summary>
    private async Task<Result<OrderReferral?>> ReferralAsync(PlaceOrder command, PricedCatalog catalog)
    {
        if (command.ReferralCode is not { } code)
        {
            return (OrderReferral?)null;
        }

        var link = await GrainFactory.GetGrain<IReferralCodeGrain>(code).GetAsync();
        var covered = catalog.Listings.Values.Where(p => link?.ProductId is not { } only || p.Id == only).ToDictionary(p => p.Id, p => p.CategoryId);
        DomainError? refusal = link is not { Active: true } || covered.Count == 0
            ? new DomainError(ErrorCodes.ReferralCodeNotFound, link is { Active: true } ? $"Referral code {code} is for a product this order does not buy." : $"There is no active referral code {code}.", "referralCode")
            : link.PromoterId == command.BuyerId ? new DomainError(ErrorCodes.SelfReferral, "A promoter cannot refer their own orders.", "referralCode") : null;
        if (refusal is not null)
        {
            return command.ReferralFromLink ? (OrderReferral?)null : refusal;
        }

        var paid = (await GrainFactory.GetGrain<IPromoterGrain>(link!.PromoterId).GetAsync()).IsPaidAt(timeProvider.GetUtcNow());
        var terms = await CommissionRules.TermsAsync(GrainFactory, covered, paid, ServiceProvider.GetRequiredService<PromoterSettings>().PaidBonusBps);
        return new OrderReferral(link.PromoterId, code, terms);
    }

    /// <summary>The referral as placed: with the commission its lines (after discounts and coupon) would pay.</summary>
    private static OrderReferral? Referred(OrderReferral? referral, IReadOnlyList<OrderLine> lines) =>
        referral is null ? null : referral with { Expected = CommissionBy(referral, lines).Values.Sum() };

    /// <summary>
    /// At completion, in its transaction: the commission on the lines less what refunds before settlement took back,
    /// paid to the promoter by each line's funder. A funder short of it (the platform wallet) refuses the completion,
    /// which is tried again later.
    /// </summary>
    private async Task<DomainError?> PayCommissionAsync(OrderView remaining)
    {
        if (await order.PerformRead(s => s.Referral) is not { PaidAt: null } referral)
        {
            return null;
        }

        var owed = CommissionBy(referral, remaining.Items);
        if (owed.Values.Sum() > 0)
        {
            var movement = new CommissionMovement($"{OrderIds.Reference(OrderId)}:commission", OrderIds.Reference(OrderId), [.. owed.Select(o => new CommissionShare(o.Key, o.Value))]);
            if (await GrainFactory.GetGrain<IPromoterGrain>(referral.PromoterId).CreditAsync(movement) is { } refused)
            {
                return refused with { Detail = $"The commission of this order cannot be paid yet: {refused.Detail}" };
            }
        }

        var now = timeProvider.GetUtcNow();
        await order.PerformUpdate(s => s.Referral = s.Referral! with { Paid = owed.Values.Sum(), PaidAt = now });
        return null;
    }

    /// <summary>
    /// After settlement, a refunded return takes back what its units earned (the commission on the lines before it less
    /// the commission on what remains), each part to the wallet that paid it, inside the refund's transaction; what the
    /// promoter's wallet cannot cover becomes their debt.
    /// </summary>
    private async Task ClawBackCommissionAsync(Guid returnId)
    {
        var (referral, after, returned) = await order.PerformRead(s => (s.Referral, Remaining(s), s.Returns[returnId].Lines.ToList()));
        if (referral is not { PaidAt: not null } || referral.Clawbacks?.Any(c => c.ReturnId == returnId) == true)
        {
            return;
        }

        var before = after.Select(l => returned.FirstOrDefault(r => r.ProductId == l.ProductId) is { } back ? l with { Quantity = l.Quantity + back.Quantity, CouponShare = l.CouponShare + back.CouponShare } : l).ToList();
        var owedBefore = CommissionBy(referral, before);
        var owedAfter = CommissionBy(referral, after);
        var back = owedBefore.Select(o => new CommissionShare(o.Key, o.Value - owedAfter.GetValueOrDefault(o.Key))).Where(s => s.Amount > 0).ToList();
        var now = timeProvider.GetUtcNow();
        var debt = 0L;
        if (back.Count > 0)
        {
            var reference = Returns.ReturnIds.Reference(returnId);
            debt = await GrainFactory.GetGrain<IPromoterGrain>(referral.PromoterId).ClawBackAsync(new CommissionMovement($"{reference}:clawback", reference, back), now);
        }

        var clawback = new CommissionClawback(returnId, back.Sum(s => s.Amount), debt, now);
        await order.PerformUpdate(s => s.Referral = s.Referral! with { Clawbacks = [.. s.Referral.Clawbacks ?? [], clawback] });
    }

    /// <summary>The commission <paramref name="lines"/> earn under the referral's terms, by the wallet that pays it.</summary>
    private static Dictionary<string, long> CommissionBy(OrderReferral referral, IEnumerable<OrderLine> lines)
    {
        var owed = new Dictionary<string, long>();
        foreach (var line in lines)
        {
            if (referral.Terms.FirstOrDefault(t => t.ProductId == line.ProductId) is { } terms && terms.On(line.LineTotal) is var commission and > 0)
            {
                var payer = terms.FundedBy == CommissionFunding.Seller ? WalletKeys.ForUser(line.SellerId) : WalletKeys.Platform;
                owed[payer] = owed.GetValueOrDefault(payer) + commission;
            }
        }

        return owed;
    }
}
