using GrainMarket.ApiGateway.Http;
using GrainMarket.Common;
using GrainMarket.Shipping;

namespace GrainMarket.ApiGateway.Apis.Shipping;

/// <summary>
/// A shipping zone as an admin writes it (create, or replace whole). <see cref="PostalPrefixes"/> and
/// <see cref="Regions"/> are optional (neither: the whole country); <see cref="WeightRates"/> has 1 to 50 brackets in
/// ascending order, only the last open-ended; <see cref="ValueRates"/> likewise but optional.
/// </summary>
public sealed record ShippingZoneRequest(
    string? Name,
    string? Country,
    IReadOnlyList<string>? PostalPrefixes,
    IReadOnlyList<string>? Regions,
    IReadOnlyList<WeightRateRequest>? WeightRates,
    IReadOnlyList<ValueRateRequest>? ValueRates,
    long? FreeShippingThreshold,
    int? EstimatedDays)
{
    /// <summary>The largest charge or threshold (minor units), the same bound as a product's price.</summary>
    public const long MaxAmount = GrainMarket.Wallets.WalletKeys.MaxAmount / 10_000;

    /// <summary>The largest bracket bound (grams or minor units).</summary>
    private const long MaxBound = 1_000_000_000_000;

    private const int MaxBrackets = 50;
    private const int MaxAreas = 500;

    public DomainError? Check() =>
        Validation.First(
            Validation.Required(Name, "name", 100),
            CountryRule(Country, "country"),
            AreaRule(PostalPrefixes, "postalPrefixes", 20, p => p.All(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '-') && ShippingDestination.NormalizePostalCode(p).Length > 0, "must be letters and digits (spaces and hyphens are ignored)", ShippingDestination.NormalizePostalCode, StringComparer.Ordinal),
            AreaRule(Regions, "regions", 100, r => r.Trim().Length > 0, "must not be blank", r => r.Trim(), StringComparer.OrdinalIgnoreCase),
            WeightRates is null or { Count: 0 } ? DomainError.Invalid("weightRates", "needs at least one bracket") : BracketRule([.. WeightRates.Select(r => (r.UpToGrams, r.Amount))], "weightRates", "upToGrams"),
            ValueRates is null ? null : BracketRule([.. ValueRates.Select(r => (r.UpToValue, r.Amount))], "valueRates", "upToValue"),
            FreeShippingThreshold is null or (> 0 and <= MaxAmount) ? null : DomainError.Invalid("freeShippingThreshold", $"must be between 1 and {MaxAmount}"),
            Validation.Range(EstimatedDays, "estimatedDays", 1, 365));

    public ShippingZone ToZone(Guid id) => new(
        id,
        Name!.Trim(),
        Country!.ToUpperInvariant(),
        [.. (PostalPrefixes ?? []).Select(ShippingDestination.NormalizePostalCode)],
        [.. (Regions ?? []).Select(r => r.Trim())],
        [.. WeightRates!.Select(r => new WeightRate(r.UpToGrams, r.Amount!.Value))],
        [.. (ValueRates ?? []).Select(r => new ValueRate(r.UpToValue, r.Amount!.Value))],
        FreeShippingThreshold,
        EstimatedDays);

    /// <summary>A two-letter ISO 3166 country code, either case.</summary>
    public static DomainError? CountryRule(string? country, string field) =>
        country is { Length: 2 } c && c.All(char.IsAsciiLetter) ? null : DomainError.Invalid(field, "must be a two-letter ISO 3166 country code");

    private static DomainError? AreaRule(IReadOnlyList<string>? values, string field, int maxLength, Func<string, bool> valid, string rule, Func<string, string> key, StringComparer comparer)
    {
        if (values is null)
        {
            return null;
        }

        if (values.Count > MaxAreas)
        {
            return DomainError.Invalid(field, $"must hold at most {MaxAreas} entries");
        }

        var seen = new HashSet<string>(comparer);
        for (var i = 0; i < values.Count; i++)
        {
            var value = values[i];
            var invalid = Validation.Required(value, $"{field}[{i}]", maxLength)
                ?? (valid(value) ? null : DomainError.Invalid($"{field}[{i}]", rule))
                ?? (seen.Add(key(value)) ? null : DomainError.Invalid($"{field}[{i}]", "repeats an earlier entry"));
            if (invalid is not null)
            {
                return invalid;
            }
        }

        return null;
    }

    private static DomainError? BracketRule(IReadOnlyList<(long? UpTo, long? Amount)> brackets, string field, string bound)
    {
        if (brackets.Count > MaxBrackets)
        {
            return DomainError.Invalid(field, $"must hold at most {MaxBrackets} brackets");
        }

        long previous = 0;
        for (var i = 0; i < brackets.Count; i++)
        {
            var (upTo, amount) = brackets[i];
            var invalid = Validation.NotNegative(amount, $"{field}[{i}].amount")
                ?? Validation.AtMost(amount, $"{field}[{i}].amount", MaxAmount)
                ?? (upTo is null && i < brackets.Count - 1 ? DomainError.Invalid($"{field}[{i}].{bound}", "may be left out only in the last bracket") : null)
                ?? (upTo is { } limit && limit <= previous ? DomainError.Invalid($"{field}[{i}].{bound}", i == 0 ? "must be greater than zero" : "must be greater than the bracket before") : null)
                ?? (upTo is > MaxBound ? DomainError.Invalid($"{field}[{i}].{bound}", $"must be at most {MaxBound}") : null);
            if (invalid is not null)
            {
                return invalid;
            }

            previous = upTo ?? previous;
        }

        return null;
    }
}
