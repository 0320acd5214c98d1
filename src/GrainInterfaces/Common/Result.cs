namespace GrainMarket.Common;

/// <summary>
/// The outcome of a domain command: a value, or the <see cref="DomainError"/> that explains why nothing changed.
/// Return either directly: both convert implicitly.
/// </summary>
[GenerateSerializer, Alias("gm.Result`1")]
public sealed record Result<T>([property: Id(0)] T? Value, [property: Id(1)] DomainError? Error)
{
    public bool Succeeded => Error is null;

    public static implicit operator Result<T>(T value) => new(value, null);

    public static implicit operator Result<T>(DomainError error) => new(default, error);
}
