using GrainMarket.ApiGateway.Http;
using GrainMarket.ApiGateway.Payments;

namespace GrainMarket.ApiGateway.Extensions;

public static class PaymentExtensions
{
    /// <summary>
    /// Offers the payment providers whose keys are configured (Stripe: <see cref="StripeSettings"/>; Razorpay: <see cref="RazorpaySettings"/>; M-Pesa: <see cref="MpesaSettings"/>, on a KES marketplace), each an
    /// <see cref="IPaymentProvider"/> with an HTTP client of its own; <see cref="PaymentProviders"/> lists them (none
    /// without keys: then card payments and top-ups are refused and webhooks answer 404), the <see cref="PaymentOpener"/>
    /// that records each payment created, and the <see cref="PaymentVerifier"/> that asks providers about payments whose
    /// webhook has not come. Stripe is also the payout provider (<see cref="PayoutProviders"/>, Connect), whose
    /// settlement transfers <see cref="PayoutTransferSender"/> sends.
    /// </summary>
    public static IHostApplicationBuilder AddGrainMarketPayments(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<PaymentProviders>();
        builder.Services.AddSingleton(PaymentVerificationSettings.From(builder.Configuration));
        builder.Services.AddSingleton<PaymentOpener>();
        builder.Services.AddSingleton<PaymentVerifier>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PaymentVerifier>());
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

        if (RazorpaySettings.From(builder.Configuration) is { } razorpay)
        {
            builder.Services.AddSingleton(razorpay);
            builder.Services.AddHttpClient<RazorpayProvider>(http => http.Timeout = Timeout.InfiniteTimeSpan);
            builder.Services.AddSingleton<IPaymentProvider>(sp => sp.GetRequiredService<RazorpayProvider>());
        }

        // M-Pesa pays Kenyan shillings only: offered on a KES marketplace whose Daraja keys are configured.
        if (MpesaSettings.From(builder.Configuration) is { } mpesa && new MarketplaceSettings(builder.Configuration).Currency == "KES")
        {
            builder.Services.AddSingleton(mpesa);
            builder.Services.AddHttpClient<MpesaProvider>(http => http.Timeout = Timeout.InfiniteTimeSpan);
            builder.Services.AddSingleton<IPaymentProvider>(sp => sp.GetRequiredService<MpesaProvider>());
        }

        return builder;
    }
}
