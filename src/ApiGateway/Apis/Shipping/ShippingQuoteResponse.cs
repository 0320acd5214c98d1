using GrainMarket.Shipping;

namespace GrainMarket.ApiGateway.Apis.Shipping;

/// <summary>What a checkout of the same lines to the same address charges: <see cref="Total"/> = <see cref="ItemsTotal"/> + <see cref="ShippingCharge"/>.</summary>
public sealed record ShippingQuoteResponse(long ItemsTotal, long ShippingCharge, long Total, string Currency, long WeightGrams, Guid? ZoneId, string? Zone, int? EstimatedDays)
{
    public static ShippingQuoteResponse From(ShippingQuote quote, string currency)
    {
        ArgumentNullException.ThrowIfNull(quote);
        return new(quote.ItemsTotal, quote.Charge, checked(quote.ItemsTotal + quote.Charge), currency, quote.WeightGrams, quote.ZoneId, quote.ZoneName, quote.EstimatedDays);
    }
}
