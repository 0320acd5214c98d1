namespace GrainMarket.Gateway.Tests.Sweeps;

/// <summary>
/// One malformed request for an operation: a body (raw text) with its content type, path and query values.
/// <see cref="MustBeRefused"/> says whether any 2xx is a defect (always, except where the value may be legal, such as a
/// negative coordinate).
/// </summary>
public sealed record BadInput(string Description, string? Body, string ContentType, IReadOnlyDictionary<string, string> Values, bool MustBeRefused, string? IdempotencyKey = null);
