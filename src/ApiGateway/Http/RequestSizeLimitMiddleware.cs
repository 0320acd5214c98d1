using GrainMarket.ApiGateway.Extensions;
using GrainMarket.Common;
using Microsoft.AspNetCore.Http.Features;

namespace GrainMarket.ApiGateway.Http;

/// <summary>
/// Caps request bodies at <see cref="GatewayExtensions.MaxRequestBodyBytes"/>: a declared length over it gets 413 at
/// once, and the server stops reading an undeclared (chunked) body at the cap.
/// </summary>
public sealed class RequestSizeLimitMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.ContentLength > GatewayExtensions.MaxRequestBodyBytes)
        {
            await DomainProblems.For(new DomainError(ErrorCodes.RequestTooLarge, $"The request body is larger than {GatewayExtensions.MaxRequestBodyBytes} bytes.")).ExecuteAsync(context);
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = GatewayExtensions.MaxRequestBodyBytes;
        }

        await next(context);
    }
}
