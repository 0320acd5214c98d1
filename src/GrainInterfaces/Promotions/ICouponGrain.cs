using GrainMarket.Common;

namespace GrainMarket.Promotions;

/// <summary>
/// One coupon (key: its code in upper case, <see cref="CouponCodes.Normalize"/>). Its uses are transactional state,
/// keyed by order id: a checkout redeems it inside the checkout's transaction, so a use counts exactly once however many
/// checkouts race, a retried checkout (same order) counts once, and an aborted one counts nothing. A refusal is a
/// <see cref="DomainError"/> (coupon-exhausted, coupon-expired, coupon-not-applicable, coupon-min-order,
/// coupon-user-limit, coupon-not-found) and changes nothing.
/// </summary>
[Alias("gm.coupon")]
public interface ICouponGrain : IGrainWithStringKey
{
    /// <summary>Creates the coupon with these terms; coupon-code-taken when the code exists.</summary>
    [Transaction(TransactionOption.Create)]
    [Alias("create")]
    Task<Result<CouponView>> CreateAsync(CouponTerms terms);

    [ReadOnly]
    [Transaction(TransactionOption.CreateOrJoin)]
    [Alias("get")]
    Task<CouponView?> GetAsync();

    /// <summary>Its owner's change (the seller of a seller's coupon, or an admin): coupon-not-found to anyone else.</summary>
    [Transaction(TransactionOption.Create)]
    [Alias("change")]
    Task<Result<CouponView>> ChangeAsync(CouponChange change);

    /// <summary>
    /// Counts the order's use and answers the discount it gives, inside the checkout's transaction; the same order again
    /// answers the same without counting twice.
    /// </summary>
    [Transaction(TransactionOption.Join)]
    [Alias("redeem")]
    Task<Result<OrderCoupon>> RedeemAsync(CouponRedemption redemption);

    /// <summary>What <see cref="RedeemAsync"/> would answer now, counting nothing: for a checkout's quote.</summary>
    [ReadOnly]
    [Transaction(TransactionOption.CreateOrJoin)]
    [Alias("check")]
    Task<Result<OrderCoupon>> CheckAsync(CouponRedemption redemption);

    /// <summary>Gives a cancelled order's use back, inside the cancellation's transaction; an order that never used it changes nothing.</summary>
    [Transaction(TransactionOption.Join)]
    [Alias("release")]
    Task ReleaseAsync(Guid orderId);
}
