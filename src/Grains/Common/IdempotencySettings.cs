using System.Globalization;

namespace GrainMarket.Common;

/// <summary>
/// How long an idempotency key's stored response is replayed: <c>GRAINMARKET_IDEMPOTENCY_HOURS</c> (a positive number
/// of hours, fractions allowed; <see cref="DefaultHours"/> by default). Counted from the key's first use; afterwards
/// the key is new again, so a client must not retry a request older than that with its key and expect a replay.
/// </summary>
public sealed record IdempotencySettings(TimeSpan Retention)
{
    public const double DefaultHours = 24;

    /// <summary>The settings of the configured value, or of <see cref="DefaultHours"/> when there is none.</summary>
    public static IdempotencySettings From(string? hours)
    {
        if (string.IsNullOrWhiteSpace(hours))
        {
            return new IdempotencySettings(TimeSpan.FromHours(DefaultHours));
        }

        return double.TryParse(hours, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && value <= 24 * 366
            ? new IdempotencySettings(TimeSpan.FromHours(value))
            : throw new InvalidOperationException($"GRAINMARKET_IDEMPOTENCY_HOURS '{hours}' must be a positive number of hours, at most a year (default {DefaultHours}).");
    }
}
