using GrainMarket.ApiGateway.Extensions;
using GrainMarket.Common;
using Microsoft.AspNetCore.Http.Features;

namespace GrainMarket.ApiGateway.Http;

/// <summary>
/// Caps request bodies at <see cref="GatewayExtensions.MaxRequestBodyBytes"/>: a declared length over it gets 413 at
/// once, and the server stops reading an undeclared (chunked) body at the cap. An endpoint carrying a
/// <see cref="RequestBodyLimit"/> (an upload) has that cap instead.
/// </summary>
public sealed class RequestSizeLimitMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var max = context.GetEndpoint()?.Metadata.GetMetadata<RequestBodyLimit>()?.MaxBytes ?? GatewayExtensions.MaxRequestBodyBytes;
        if (context.Request.ContentLength > max)
        {
            await DomainProblems.For(new DomainError(ErrorCodes.RequestTooLarge, $"The request body is larger than {max} bytes.")).ExecuteAsync(context);
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = max;
        }

        await next(context);
    }
}
