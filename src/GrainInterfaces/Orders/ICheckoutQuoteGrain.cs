using GrainMarket.Common;

namespace GrainMarket.Orders;

/// <summary>
/// Prices a checkout without placing it (a stateless worker, key 0): the same lines, discounts, coupon allocation and
/// shipping a placement would charge now, with the coupon's refusal if it would refuse. It counts no coupon use, and
/// reserves or holds nothing.
/// </summary>
[Alias("gm.checkout-quote")]
public interface ICheckoutQuoteGrain : IGrainWithIntegerKey
{
    [Alias("quote")]
    Task<Result<CheckoutQuote>> QuoteAsync(PlaceOrder command);
}
