using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace GrainMarket.ApiGateway.Caching;

/// <summary>
/// An endpoint filter for JSON reads: a 200 answer is serialized once, tagged with a strong <c>ETag</c> (a hash of its
/// bytes) and <c>Cache-Control: no-cache</c> — any client may keep it but asks again each time, and a request whose
/// <c>If-None-Match</c> holds the tag gets 304 with no body. The answer is <c>public</c> unless
/// <paramref name="personal"/> and the caller is signed in (a product's owner and admins see more than others), then
/// <c>private</c>. Problems and other statuses pass through untouched.
/// </summary>
public sealed class ConditionalGet(bool personal) : IEndpointFilter
{
    public const string Public = "public, no-cache";
    public const string Private = "private, no-cache";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var result = await next(context);
        if (StatusOf(result) != StatusCodes.Status200OK || Unwrap(result) is not IValueHttpResult { Value: { } value })
        {
            return result;
        }

        var http = context.HttpContext;
        var json = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var body = JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), json);
        var etag = new EntityTagHeaderValue($"\"{Base64Url.EncodeToString(SHA256.HashData(body).AsSpan(0, 18))}\"");
        http.Response.GetTypedHeaders().ETag = etag;
        http.Response.Headers.CacheControl = personal && http.User.Identity?.IsAuthenticated == true ? Private : Public;
        if (IsCurrent(http.Request, etag))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Bytes(body, "application/json; charset=utf-8");
    }

    /// <summary>Whether the request's <c>If-None-Match</c> names <paramref name="etag"/> (weakly, as RFC 9110 compares it there) or is <c>*</c>: the client's copy is current.</summary>
    public static bool IsCurrent(HttpRequest request, EntityTagHeaderValue etag)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.GetTypedHeaders().IfNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(etag, useStrongComparison: false));
    }

    /// <summary>The status an endpoint's result will answer with (through a <c>Results&lt;…&gt;</c> union), or null when it does not say.</summary>
    public static int? StatusOf(object? result) => Unwrap(result) is IStatusCodeHttpResult { StatusCode: { } status } ? status : null;

    private static object? Unwrap(object? result) => result is INestedHttpResult nested ? nested.Result : result;
}
