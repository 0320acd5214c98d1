namespace GrainMarket.ApiGateway.OpenApi;

/// <summary>
/// Endpoint metadata: the problem <c>code</c>s an operation answers beyond the common ones (see
/// <see cref="ProblemResponses"/>); the OpenAPI document lists each under its status. Added by
/// <see cref="ProblemCodesExtensions.ProducesProblems{TBuilder}"/>.
/// </summary>
public sealed class ProblemCodes(IReadOnlyList<string> codes)
{
    public IReadOnlyList<string> Codes { get; } = codes;
}
