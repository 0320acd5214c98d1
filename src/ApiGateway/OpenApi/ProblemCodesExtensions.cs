using GrainMarket.ApiGateway.Http;

namespace GrainMarket.ApiGateway.OpenApi;

/// <summary>Declares the problems an operation answers by their codes, so the document shows both the status and the code.</summary>
public static class ProblemCodesExtensions
{
    /// <summary>
    /// The operation may answer each of <paramref name="codes"/> (values of <c>ErrorCodes</c>): a problem response
    /// is declared for the status <see cref="DomainProblems.StatusOf"/> gives each code, listing the codes.
    /// </summary>
    public static TBuilder ProducesProblems<TBuilder>(this TBuilder builder, params string[] codes)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithMetadata(new ProblemCodes(codes));
    }
}
