using GrainMarket.ApiGateway.OpenApi;

namespace GrainMarket.ApiGateway.Extensions;

/// <summary>Registers the OpenAPI document ("GrainMarket API") with the transformers that derive its security, headers and problem responses from the endpoints' metadata.</summary>
public static class OpenApiExtensions
{
    /// <summary>Adds the <c>v1</c> document: <see cref="DocumentInfo"/> and <see cref="ProblemResponses"/>.</summary>
    public static IHostApplicationBuilder AddGrainMarketOpenApi(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer<DocumentInfo>();
            options.AddOperationTransformer<ProblemResponses>();
        });
        return builder;
    }
}
