using GrainMarket.ApiGateway.Carriers;

namespace GrainMarket.ApiGateway.Extensions;

public static class CarrierExtensions
{
    /// <summary>
    /// Offers the platform carrier configured by the <c>GRAINMARKET_CARRIER_*</c> settings (see <see cref="CarrierSettings"/>)
    /// as an <see cref="ICarrier"/> with an HTTP client of its own (10 s per call); without them none is registered and
    /// shipping with a carrier is refused.
    /// </summary>
    public static IHostApplicationBuilder AddGrainMarketCarrier(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (CarrierSettings.From(builder.Configuration) is not { } settings)
        {
            return builder;
        }

        builder.Services.AddSingleton(settings);
        builder.Services.AddHttpClient<ICarrier, DelhiveryCarrier>(http =>
        {
            http.BaseAddress = new Uri(settings.BaseAddress.AbsoluteUri.TrimEnd('/') + "/");
            http.Timeout = TimeSpan.FromSeconds(10);
        });
        return builder;
    }
}
