namespace GrainMarket.Common;

/// <summary>
/// An expected failure of a domain command (not an exception): a stable <see cref="Code"/> from <see cref="ErrorCodes"/>,
/// a human-readable detail, the field it concerns if any, and figures and labels a client can act on (e.g. <c>available</c>,
/// <c>requiredRank</c>).
/// </summary>
[GenerateSerializer, Alias("gm.common.DomainError")]
public sealed record DomainError(
    [property: Id(0)] string Code,
    [property: Id(1)] string Detail,
    [property: Id(2)] string? Field = null,
    [property: Id(3)] IReadOnlyDictionary<string, long>? Figures = null,
    [property: Id(4)] IReadOnlyDictionary<string, string>? Labels = null)
{
    public static DomainError Invalid(string field, string rule) => new(ErrorCodes.Validation, $"{field}: {rule}", field);
}
