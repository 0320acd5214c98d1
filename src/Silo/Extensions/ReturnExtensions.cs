using System.Globalization;
using GrainMarket.Returns;

namespace GrainMarket.Silo.Extensions;

public static class ReturnExtensions
{
    /// <summary>
    /// Return rules of the return grains: <c>GRAINMARKET_RETURN_WINDOW</c> (a .NET TimeSpan after the order's delivery,
    /// default <c>7.00:00:00</c>) and <c>GRAINMARKET_RETURN_PENALTY_POINTS</c> (points a seller at fault loses per return,
    /// default 10).
    /// </summary>
    public static WebApplicationBuilder AddGrainMarketReturns(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var window = ReturnSettings.Default.Window;
        if (configuration["GRAINMARKET_RETURN_WINDOW"] is { Length: > 0 } text
            && (!TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out window) || window < TimeSpan.Zero))
        {
            throw new InvalidOperationException($"GRAINMARKET_RETURN_WINDOW '{text}' is not a TimeSpan such as 7.00:00:00.");
        }

        var penalty = configuration.GetValue<long?>("GRAINMARKET_RETURN_PENALTY_POINTS") ?? ReturnSettings.Default.PenaltyPoints;
        if (penalty is < 0 or > 1_000_000)
        {
            throw new InvalidOperationException("GRAINMARKET_RETURN_PENALTY_POINTS must be between 0 and 1000000.");
        }

        builder.Services.AddSingleton(new ReturnSettings(window, penalty));
        return builder;
    }
}
