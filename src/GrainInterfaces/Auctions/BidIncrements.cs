namespace GrainMarket.Auctions;

/// <summary>
/// Price-banded bid increments: the higher the price, the larger the step. The default table follows eBay's, in minor
/// units (below 1.00 the step is 0.05; from 5,000.00 it is 100.00).
/// </summary>
public static class BidIncrements
{
    public static IReadOnlyList<IncrementBand> Default { get; } =
    [
        new(0, 5),
        new(1_00, 25),
        new(5_00, 50),
        new(25_00, 1_00),
        new(100_00, 2_50),
        new(250_00, 5_00),
        new(500_00, 10_00),
        new(1_000_00, 25_00),
        new(2_500_00, 50_00),
        new(5_000_00, 100_00),
    ];

    /// <summary>The step above <paramref name="price"/>: the band with the highest start at or below it.</summary>
    public static long Step(long price, IReadOnlyList<IncrementBand> bands)
    {
        ArgumentNullException.ThrowIfNull(bands);
        var step = bands[0].Step;
        foreach (var band in bands)
        {
            if (band.From <= price)
            {
                step = band.Step;
            }
        }

        return step;
    }

    /// <summary>Null when <paramref name="bands"/> is a usable table: 1 to 20 bands, starting at 0, rising, positive steps.</summary>
    public static string? Check(IReadOnlyList<IncrementBand> bands)
    {
        ArgumentNullException.ThrowIfNull(bands);
        if (bands.Count is 0 or > 20)
        {
            return "must have 1 to 20 bands";
        }

        if (bands[0].From != 0)
        {
            return "must start with a band from 0";
        }

        for (var i = 0; i < bands.Count; i++)
        {
            if (bands[i].Step <= 0 || bands[i].Step > 1_000_000_00)
            {
                return "steps must be between 1 and 100000000";
            }

            if (i > 0 && bands[i].From <= bands[i - 1].From)
            {
                return "bands must start at rising prices";
            }
        }

        return null;
    }
}
