namespace GrainMarket.Common;

/// <summary>
/// An expected failure of a domain command (not an exception): a stable <see cref="Code"/> from <see cref="ErrorCodes"/>,
/// a human-readable detail, the field it concerns if any, and figures a client can act on (e.g. <c>available</c>).
/// </summary>
public sealed record DomainError(string Code, string Detail, string? Field = null, IReadOnlyDictionary<string, long>? Figures = null)
{
    public static DomainError Invalid(string field, string rule) => new(ErrorCodes.Validation, $"{field}: {rule}", field);
}
