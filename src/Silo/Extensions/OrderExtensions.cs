using System.Globalization;
using GrainMarket.Orders;

namespace GrainMarket.Silo.Extensions;

public static class OrderExtensions
{
    /// <summary>
    /// Settlement rules of the order grains: <c>GRAINMARKET_PLATFORM_FEE_BPS</c> (default 200 = 2%) and
    /// <c>GRAINMARKET_ORDER_COMPLETION_DELAY</c> (a .NET TimeSpan, default <c>3.00:00:00</c>) and
    /// <c>GRAINMARKET_COURIER_SHARE_BPS</c> (default 8000 = 80% of the shipping charge) and <c>GRAINMARKET_PAYMENT_DEADLINE</c>
    /// (how long a card checkout waits for its payment, default <c>00:30:00</c>).
    /// </summary>
    public static WebApplicationBuilder AddGrainMarketOrders(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var feeBps = configuration.GetValue<int?>("GRAINMARKET_PLATFORM_FEE_BPS") ?? OrderSettings.Default.PlatformFeeBps;
        if (feeBps is < 0 or > 10_000)
        {
            throw new InvalidOperationException("GRAINMARKET_PLATFORM_FEE_BPS must be between 0 and 10000 (basis points of each seller's lines).");
        }

        var delay = OrderSettings.Default.CompletionDelay;
        if (configuration["GRAINMARKET_ORDER_COMPLETION_DELAY"] is { Length: > 0 } text
            && (!TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out delay) || delay < TimeSpan.Zero))
        {
            throw new InvalidOperationException($"GRAINMARKET_ORDER_COMPLETION_DELAY '{text}' is not a TimeSpan such as 3.00:00:00.");
        }

        var courierShareBps = configuration.GetValue<int?>("GRAINMARKET_COURIER_SHARE_BPS") ?? OrderSettings.Default.CourierShareBps;
        if (courierShareBps is < 0 or > 10_000)
        {
            throw new InvalidOperationException("GRAINMARKET_COURIER_SHARE_BPS must be between 0 and 10000 (basis points of an order's shipping charge).");
        }

        var paymentDeadline = OrderSettings.Default.PaymentDeadline;
        if (configuration["GRAINMARKET_PAYMENT_DEADLINE"] is { Length: > 0 } deadlineText
            && (!TimeSpan.TryParse(deadlineText, CultureInfo.InvariantCulture, out paymentDeadline) || paymentDeadline <= TimeSpan.Zero))
        {
            throw new InvalidOperationException($"GRAINMARKET_PAYMENT_DEADLINE '{deadlineText}' is not a positive TimeSpan such as 00:30:00.");
        }

        builder.Services.AddSingleton(new OrderSettings(feeBps, delay, courierShareBps) { PaymentDeadline = paymentDeadline });
        return builder;
    }
}
