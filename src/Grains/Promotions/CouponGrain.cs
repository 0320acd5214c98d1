using GrainMarket.Common;
using Microsoft.Extensions.Logging;

namespace GrainMarket.Promotions;

[GrainType("coupon")]
public sealed class CouponGrain(
    [TransactionalState("coupon")] ITransactionalState<CouponState> coupon,
    TimeProvider timeProvider,
    ILogger<CouponGrain> logger) : Grain, ICouponGrain
{
    private string Code => this.GetPrimaryKeyString();

    async Task<Result<CouponView>> ICouponGrain.CreateAsync(CouponTerms terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var now = timeProvider.GetUtcNow();
        var created = await coupon.PerformUpdate<Result<CouponView>>(s =>
        {
            if (s.Terms is not null)
            {
                return new DomainError(ErrorCodes.CouponCodeTaken, $"A coupon {Code} exists already.", "code");
            }

            (s.Terms, s.Active, s.CreatedAt) = (terms, true, now);
            return View(s);
        });
        if (created.Succeeded)
        {
            logger.LogInformation("Coupon {CouponCode} created, funded by {FundedBy} {SellerId}", Code, terms.FundedBy, terms.SellerId);
        }

        return created;
    }

    Task<CouponView?> ICouponGrain.GetAsync() => coupon.PerformRead(s => s.Terms is null ? null : View(s));

    Task<Result<CouponView>> ICouponGrain.ChangeAsync(CouponChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return coupon.PerformUpdate<Result<CouponView>>(s =>
        {
            if (s.Terms is not { } terms || !(change.IsAdmin || terms.SellerId == change.UserId))
            {
                return NotFound();
            }

            var ends = change.EndsAt ?? terms.EndsAt;
            if (ends <= terms.StartsAt)
            {
                return DomainError.Invalid("endsAt", "must be after the coupon's startsAt");
            }

            s.Terms = terms with { EndsAt = ends, TotalLimit = change.TotalLimit ?? terms.TotalLimit };
            s.Active = change.Active ?? s.Active;
            return View(s);
        });
    }

    Task<Result<OrderCoupon>> ICouponGrain.RedeemAsync(CouponRedemption redemption)
    {
        ArgumentNullException.ThrowIfNull(redemption);
        var now = timeProvider.GetUtcNow();

        // One exclusive update, no read first: a read lock upgraded to a write lock aborts under racing checkouts.
        return coupon.PerformUpdate<Result<OrderCoupon>>(s =>
        {
            var answer = Answer(s, redemption, now);
            if (answer.Succeeded)
            {
                s.Uses[redemption.OrderId] = redemption.BuyerId;
            }

            return answer;
        });
    }

    Task<Result<OrderCoupon>> ICouponGrain.CheckAsync(CouponRedemption redemption)
    {
        ArgumentNullException.ThrowIfNull(redemption);
        var now = timeProvider.GetUtcNow();
        return coupon.PerformRead(s => Answer(s, redemption, now));
    }

    Task ICouponGrain.ReleaseAsync(Guid orderId) =>
        coupon.PerformUpdate(s => s.Uses.Remove(orderId));

    /// <summary>The discount the coupon gives this order, or why it may not use it; an order that uses it already may.</summary>
    private Result<OrderCoupon> Answer(CouponState s, CouponRedemption redemption, DateTimeOffset now)
    {
        if (s.Terms is not { } terms)
        {
            return NotFound();
        }

        var eligible = terms.SellerId is { } seller ? redemption.SellerSubtotals.GetValueOrDefault(seller) : redemption.SellerSubtotals.Values.Sum();
        if (!s.Uses.ContainsKey(redemption.OrderId) && Refusal(s, terms, eligible, redemption.BuyerId, now) is { } refused)
        {
            return refused;
        }

        return new OrderCoupon(Code, Discount(terms, eligible), terms.FundedBy, terms.SellerId);
    }

    /// <summary>Why this buyer's order may not use the coupon, in the order a buyer can act on; null when it may.</summary>
    private DomainError? Refusal(CouponState s, CouponTerms terms, long eligible, Guid buyerId, DateTimeOffset now)
    {
        if (!s.Active || now < terms.StartsAt || now >= terms.EndsAt)
        {
            return new DomainError(ErrorCodes.CouponExpired, $"Coupon {Code} is not valid now.", "couponCode");
        }

        if (eligible == 0)
        {
            return new DomainError(ErrorCodes.CouponNotApplicable, $"Coupon {Code} applies to none of the order's products.", "couponCode");
        }

        if (eligible < terms.MinOrder)
        {
            return new DomainError(
                ErrorCodes.CouponMinOrder,
                $"Coupon {Code} needs goods worth {terms.MinOrder}; the order has {eligible}.",
                "couponCode",
                new Dictionary<string, long> { ["minOrder"] = terms.MinOrder, ["subtotal"] = eligible });
        }

        if (terms.TotalLimit is { } total && s.Uses.Count >= total)
        {
            return new DomainError(ErrorCodes.CouponExhausted, $"Coupon {Code} has been used up.", "couponCode");
        }

        if (terms.PerUserLimit is { } perUser && s.Uses.Values.Count(b => b == buyerId) >= perUser)
        {
            return new DomainError(ErrorCodes.CouponUserLimit, $"You have used coupon {Code} as often as it allows.", "couponCode");
        }

        return null;
    }

    /// <summary>The discount on <paramref name="eligible"/> goods: a percentage rounded down and capped, or the amount, never more than the goods.</summary>
    private static long Discount(CouponTerms terms, long eligible)
    {
        var cut = terms.Cut.CutOff(eligible);
        return terms.MaxDiscount is { } cap ? Math.Min(cut, cap) : cut;
    }

    private CouponView View(CouponState s) => new(Code, s.Terms!, s.Active, s.Uses.Count, s.CreatedAt);

    private DomainError NotFound() => new(ErrorCodes.CouponNotFound, $"There is no coupon {Code}.", "couponCode");
}
