using GrainMarket.ApiGateway.Payments;

namespace GrainMarket.ApiGateway.Extensions;

public static class PaymentExtensions
{
    /// <summary>
    /// Offers the payment providers whose keys are configured (Stripe: <see cref="StripeSettings"/>), each an
    /// <see cref="IPaymentProvider"/> with an HTTP client of its own; <see cref="PaymentProviders"/> lists them (none
    /// without keys: then card payments and top-ups are refused and webhooks answer 404). Stripe is also the payout
    /// provider (<see cref="PayoutProviders"/>, Connect), whose settlement transfers <see cref="PayoutTransferSender"/> sends.
    /// </summary>
    public static IHostApplicationBuilder AddGrainMarketPayments(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<PaymentProviders>();
        builder.Services.AddSingleton<PayoutProviders>();
        builder.Services.AddSingleton(PayoutSettings.From(builder.Configuration));
        if (StripeSettings.From(builder.Configuration) is { } stripe)
        {
            builder.Services.AddSingleton(stripe);
            builder.Services.AddHttpClient<StripeProvider>(http => http.Timeout = Timeout.InfiniteTimeSpan);
            builder.Services.AddSingleton<IPaymentProvider>(sp => sp.GetRequiredService<StripeProvider>());
            builder.Services.AddSingleton<IPayoutProvider>(sp => sp.GetRequiredService<StripeProvider>());
            builder.Services.AddHostedService<PayoutTransferSender>();
        }

        return builder;
    }
}
