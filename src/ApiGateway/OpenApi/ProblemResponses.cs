using System.Text.Json.Nodes;
using GrainMarket.ApiGateway.Auth;
using GrainMarket.ApiGateway.Http;
using GrainMarket.Common;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace GrainMarket.ApiGateway.OpenApi;

/// <summary>
/// What an operation's metadata says about its requests and errors, written into its OpenAPI operation so that the
/// document cannot drift from the code: the security requirement (bearer or cookie) of an operation that requires
/// authorization; the required <c>Idempotency-Key</c> header of one marked <see cref="IdempotentAttribute"/>; and a
/// problem response (<c>application/problem+json</c>) for every 4xx status it can answer, with the problem codes in
/// <c>x-problem-codes</c> and the description. The common codes come from the operation's shape (a body or a query,
/// an id in the path, authorization, idempotency, a rate limit); the specific ones from <see cref="ProblemCodes"/>
/// and from <c>ProducesProblem(status)</c>.
/// </summary>
public sealed class ProblemResponses : IOpenApiOperationTransformer
{
    public const string CodesExtension = "x-problem-codes";
    private const string ProblemSchema = "ProblemDetails";

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var secured = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
        var idempotent = metadata.OfType<IdempotentAttribute>().Any();
        var codes = new SortedDictionary<int, SortedSet<string>>();
        void Add(params string[] more)
        {
            foreach (var code in more)
            {
                var status = DomainProblems.StatusOf(code);
                if (!codes.TryGetValue(status, out var set))
                {
                    codes[status] = set = new SortedSet<string>(StringComparer.Ordinal);
                }

                set.Add(code);
            }
        }

        var parameters = context.Description.ParameterDescriptions;
        if (parameters.Any(p => p.Source == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Body))
        {
            Add(ErrorCodes.Validation, ErrorCodes.MalformedRequest, ErrorCodes.ControlCharacters, ErrorCodes.RequestTooLarge, ErrorCodes.UnsupportedMediaType);
        }

        if (parameters.Any(p => p.Source == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Query))
        {
            Add(ErrorCodes.Validation, ErrorCodes.MalformedRequest, ErrorCodes.ControlCharacters);
        }

        if (parameters.Any(p => p.Source == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Path))
        {
            Add(ErrorCodes.NotFound);
        }

        if (secured)
        {
            Add(ErrorCodes.Unauthenticated, ErrorCodes.TokenExpired, ErrorCodes.TokenInvalid, ErrorCodes.SessionEnded, ErrorCodes.Forbidden);
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(DocumentInfo.Bearer, context.Document)] = [] });
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(DocumentInfo.Cookie, context.Document)] = [] });
        }

        if (!HttpMethods.IsGet(context.Description.HttpMethod ?? HttpMethods.Get))
        {
            // Any write may collide with a concurrent one (an aborted transaction, a state write that lost its version check).
            Add(ErrorCodes.CrossOriginWrite, ErrorCodes.TransactionConflict);
        }

        if (idempotent)
        {
            Add(ErrorCodes.IdempotencyKeyRequired, ErrorCodes.IdempotencyKeyInProgress, ErrorCodes.IdempotencyKeyReused);
            DeclareIdempotencyKey(operation);
        }

        if (metadata.OfType<EnableRateLimitingAttribute>().Any() || metadata.OfType<UsageRateLimits.Limit>().Any())
        {
            Add(ErrorCodes.TooManyAttempts);
        }

        foreach (var declared in metadata.OfType<ProblemCodes>())
        {
            Add([.. declared.Codes]);
        }

        // A bare ProducesProblem(status) names no code: the status's generic one stands for it.
        foreach (var produced in metadata.OfType<Microsoft.AspNetCore.Http.Metadata.IProducesResponseTypeMetadata>().Where(p => p.StatusCode is >= 400 and < 500 && !codes.ContainsKey(p.StatusCode)))
        {
            codes[produced.StatusCode] = new SortedSet<string>(StringComparer.Ordinal) { DomainProblems.CodeOf(produced.StatusCode) };
        }

        if (codes.Count == 0)
        {
            return;
        }

        var schema = await ProblemSchemaAsync(context, cancellationToken);
        operation.Responses ??= [];
        foreach (var (status, set) in codes.Where(c => c.Key is >= 400 and < 500))
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var response = operation.Responses.TryGetValue(key, out var existing) && existing is OpenApiResponse concrete ? concrete : new OpenApiResponse();
            response.Description = $"A problem whose code is {string.Join(" or ", set)}.";
            response.Content ??= new Dictionary<string, OpenApiMediaType>();
            response.Content.Remove("application/json");
            response.Content["application/problem+json"] = new OpenApiMediaType { Schema = schema };
            response.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            response.Extensions[CodesExtension] = new JsonNodeExtension(new JsonArray([.. set.Select(c => JsonValue.Create(c))]));
            operation.Responses[key] = response;
        }
    }

    /// <summary>Requires the header, declaring it when the handler does not bind it itself.</summary>
    private static void DeclareIdempotencyKey(OpenApiOperation operation)
    {
        operation.Parameters ??= [];
        var description = "Names this request: a retry with the same key and body replays the first answer; the same key with another body is refused (422).";
        if (operation.Parameters.OfType<OpenApiParameter>().FirstOrDefault(p => p.In == ParameterLocation.Header && string.Equals(p.Name, IdempotencyMiddleware.Header, StringComparison.OrdinalIgnoreCase)) is { } bound)
        {
            bound.Required = true;
            bound.Description = description;
            return;
        }

        operation.Parameters.Add(new OpenApiParameter
        {
            Name = IdempotencyMiddleware.Header,
            In = ParameterLocation.Header,
            Required = true,
            Description = description,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = 255 },
        });
    }

    /// <summary>A reference to the document's <c>ProblemDetails</c> schema, added once.</summary>
    private static async Task<IOpenApiSchema> ProblemSchemaAsync(OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var document = context.Document!;
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        if (!document.Components.Schemas.ContainsKey(ProblemSchema))
        {
            var schema = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), cancellationToken: cancellationToken);

            // A problem carries its stable code, and may carry more (the field, the figures of the error).
            schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
            schema.Properties["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The stable problem code; the operation's responses list the ones it can answer." };
            schema.AdditionalProperties = null;
            schema.AdditionalPropertiesAllowed = true;
            document.Components.Schemas[ProblemSchema] = schema;
        }

        return new OpenApiSchemaReference(ProblemSchema, document);
    }
}
