using System.Globalization;
using GrainMarket.Common;

namespace GrainMarket.ApiGateway.Apis.Analytics;

/// <summary>
/// The days an analytics request covers, <paramref name="From"/> to <paramref name="To"/> (UTC days, both included,
/// at most <see cref="MaxDays"/>), and how they are bucketed: by day, by week (Monday to Sunday, ISO) or by calendar month.
/// </summary>
public sealed record AnalyticsRange(DateOnly From, DateOnly To, string Granularity)
{
    public const string Day = "day";
    public const string Week = "week";
    public const string Month = "month";

    /// <summary>The longest range, in days.</summary>
    public const int MaxDays = 366;

    /// <summary>The range when <c>from</c> is left out: the 30 days ending with <c>to</c>.</summary>
    public const int DefaultDays = 30;

    public static IReadOnlyList<string> Granularities { get; } = [Day, Week, Month];

    /// <summary>
    /// Reads the query's text: <c>to</c> defaults to <paramref name="today"/>, <c>from</c> to the
    /// <see cref="DefaultDays"/> days ending with <c>to</c>, <c>granularity</c> to <see cref="Day"/>. A refusal names the field.
    /// </summary>
    public static Result<AnalyticsRange> Parse(string? from, string? to, string? granularity, DateOnly today)
    {
        if (!TryDate(to, today, out var last))
        {
            return DomainError.Invalid("to", "must be a date such as 2026-12-31 (yyyy-MM-dd, a UTC day)");
        }

        if (!TryDate(from, last.AddDays(1 - DefaultDays), out var first))
        {
            return DomainError.Invalid("from", "must be a date such as 2026-12-01 (yyyy-MM-dd, a UTC day)");
        }

        if (first > last)
        {
            return DomainError.Invalid("to", "must not be before from");
        }

        if (last.DayNumber - first.DayNumber + 1 > MaxDays)
        {
            return DomainError.Invalid("from", $"must be at most {MaxDays} days before to (both included)");
        }

        granularity ??= Day;
        if (!Granularities.Contains(granularity, StringComparer.Ordinal))
        {
            return DomainError.Invalid("granularity", $"must be one of {string.Join(", ", Granularities)}");
        }

        return new AnalyticsRange(first, last, granularity);
    }

    /// <summary>The first day of the bucket that holds <paramref name="day"/> (not clipped to the range).</summary>
    public DateOnly BucketOf(DateOnly day) => Granularity switch
    {
        Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
        Month => new DateOnly(day.Year, day.Month, 1),
        _ => day,
    };

    /// <summary>Every bucket of the range in order, as its first day (not clipped) and its first and last day within the range.</summary>
    public IEnumerable<(DateOnly Key, DateOnly Start, DateOnly End)> Buckets()
    {
        for (var key = BucketOf(From); key <= To; key = Next(key))
        {
            var start = key < From ? From : key;
            var end = Next(key).AddDays(-1);
            yield return (key, start, end > To ? To : end);
        }
    }

    private DateOnly Next(DateOnly key) => Granularity switch
    {
        Week => key.AddDays(7),
        Month => key.AddMonths(1),
        _ => key.AddDays(1),
    };

    private static bool TryDate(string? text, DateOnly fallback, out DateOnly date)
    {
        if (text is null)
        {
            date = fallback;
            return true;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
            && date.Year is >= 2000 and <= 9998;
    }
}
