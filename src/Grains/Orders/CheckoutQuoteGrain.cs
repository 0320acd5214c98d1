using GrainMarket.Common;
using GrainMarket.Promotions;

namespace GrainMarket.Orders;

[StatelessWorker]
[GrainType("checkoutquote")]
public sealed class CheckoutQuoteGrain(ITransactionClient transactions, TimeProvider timeProvider) : Grain, ICheckoutQuoteGrain
{
    async Task<Result<CheckoutQuote>> ICheckoutQuoteGrain.QuoteAsync(PlaceOrder command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var requested = command.Lines;
        if (requested is null)
        {
            // The cart is transactional state: read in a transaction of its own, as a checkout reads it.
            IReadOnlyList<CartLine> cart = [];
            await transactions.RunAsync(async () => cart = await GrainFactory.GetGrain<ICartGrain>(command.BuyerId).GetLinesAsync());
            requested = cart;
        }

        var priced = await CheckoutPricing.ReadAsync(GrainFactory, command, requested, timeProvider.GetUtcNow());
        if (priced.Error is { } unavailable)
        {
            return unavailable;
        }

        var catalog = priced.Value!;
        var shipping = await CheckoutPricing.ShippingAsync(GrainFactory, command.ShippingAddress, CheckoutPricing.Parcel(requested), catalog);
        if (shipping.Refusal is { } unshippable)
        {
            return unshippable;
        }

        var lines = CheckoutPricing.Lines(requested, catalog);
        OrderCoupon? coupon = null;
        if (command.CouponCode is { } code)
        {
            // A fresh order id: the coupon answers as it would for a new checkout of this buyer.
            var checkedCoupon = await GrainFactory.GetGrain<ICouponGrain>(code).CheckAsync(CheckoutPricing.Redemption(Guid.NewGuid(), command.BuyerId, lines));
            if (checkedCoupon.Error is { } refused)
            {
                return refused;
            }

            coupon = checkedCoupon.Value!;
            lines = CouponAllocation.Apply(lines, coupon);
        }

        return new CheckoutQuote(lines, coupon, shipping.Charge, checked(lines.Sum(l => l.LineTotal) + shipping.Charge));
    }
}
