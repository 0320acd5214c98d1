using GrainMarket.ApiGateway.Auth;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace GrainMarket.ApiGateway.OpenApi;

/// <summary>
/// The document's title and the two ways to present an access token: the <c>Authorization: Bearer</c> header
/// (<see cref="Bearer"/>, what Swagger UI's Authorize sets) and the <c>__Host-gm_access</c> cookie that a cookie sign-in
/// sets (<see cref="Cookie"/>).
/// </summary>
public sealed class DocumentInfo : IOpenApiDocumentTransformer
{
    public const string Title = "GrainMarket API";
    public const string Bearer = "bearer";
    public const string Cookie = "cookie";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Info = new OpenApiInfo
        {
            Title = Title,
            Version = "v1",
            Description = "The marketplace's REST API. Errors are RFC 9457 problems whose `code` is stable; each operation lists the codes it can answer under each status (`x-problem-codes`).",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "The access token from POST /api/auth/login or /api/auth/refresh.",
        };
        document.Components.SecuritySchemes[Cookie] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = AuthCookies.Access,
            Description = "The access token cookie that a login with use_cookies=true sets.",
        };
        return Task.CompletedTask;
    }
}
