using GrainMarket.ApiGateway.Http;
using GrainMarket.Common;
using GrainMarket.Promotions;

namespace GrainMarket.ApiGateway.Apis.Pricing;

/// <summary>The rules of a cut given as <c>percentOff</c> (whole percent) or <c>amountOff</c> (minor units), exactly one.</summary>
internal static class PriceCutRules
{
    /// <summary>The largest amount a cut may take off (minor units).</summary>
    public const long MaxAmount = 1_000_000_000_000;

    public static DomainError? Check(int? percentOff, long? amountOff, bool required = true) =>
        (percentOff, amountOff) switch
        {
            (null, null) => required ? DomainError.Invalid("percentOff", "give percentOff (1-100) or amountOff (minor units)") : null,
            (not null, not null) => DomainError.Invalid("amountOff", "give either percentOff or amountOff, not both"),
            (not null, _) => Validation.Range(percentOff, "percentOff", 1, 100),
            _ => Validation.Positive(amountOff, "amountOff") ?? Validation.AtMost(amountOff, "amountOff", MaxAmount),
        };

    public static PriceCut? Of(int? percentOff, long? amountOff) =>
        percentOff is null && amountOff is null ? null : new PriceCut(percentOff ?? 0, amountOff ?? 0);

    public static DomainError? Window(DateTimeOffset? startsAt, DateTimeOffset? endsAt) =>
        startsAt is { } starts && endsAt is { } ends && ends <= starts ? DomainError.Invalid("endsAt", "must be after startsAt") : null;
}
