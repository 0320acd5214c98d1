using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.Mvc;

namespace GrainMarket.ApiGateway.Http;

/// <summary>
/// One rule for what a request may carry: as an unknown JSON field is refused, so is a query parameter the operation
/// does not take (a typo such as <c>?limt=5</c>, a client for another version), with a 400 naming it. The parameters an
/// operation takes are those of its handler (names compared ignoring case, as binding does, and the properties of an
/// <c>[AsParameters]</c> type). Endpoints that are not the API's own handlers (the dashboard, Swagger UI) are left alone.
/// </summary>
public sealed class UnknownQueryMiddleware(RequestDelegate next)
{
    private static readonly ConcurrentDictionary<Endpoint, HashSet<string>?> Taken = new();

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.QueryString.HasValue
            && context.GetEndpoint() is { } endpoint
            && Taken.GetOrAdd(endpoint, ParametersOf) is { } taken
            && context.Request.Query.Keys.FirstOrDefault(key => !taken.Contains(key)) is { } unknown)
        {
            await DomainProblems.Invalid(unknown, $"is not a query parameter of this operation (it takes {(taken.Count == 0 ? "none" : string.Join(", ", taken.Order(StringComparer.Ordinal)))})").ExecuteAsync(context);
            return;
        }

        await next(context);
    }

    /// <summary>The names a minimal-API handler binds, or null for an endpoint that is not one.</summary>
    private static HashSet<string>? ParametersOf(Endpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<MethodInfo>() is not { } handler)
        {
            return null;
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in handler.GetParameters())
        {
            if (parameter.GetCustomAttribute<AsParametersAttribute>() is not null)
            {
                names.UnionWith(parameter.ParameterType.GetProperties().Select(p => p.GetCustomAttribute<FromQueryAttribute>()?.Name ?? p.Name));
            }
            else if ((parameter.GetCustomAttribute<FromQueryAttribute>()?.Name ?? parameter.Name) is { } name)
            {
                names.Add(name);
            }
        }

        return names;
    }
}
