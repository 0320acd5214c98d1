namespace GrainMarket.ApiGateway.Http;

/// <summary>
/// Headers every response carries: no MIME sniffing, no framing, no referrer leaks, and an API-only content policy
/// (the Swagger UI and Orleans Dashboard pages get a policy that lets them load their own scripts and styles, and the
/// dashboard fetch its figures from the same site).
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next, IConfiguration configuration)
{
    private readonly PathString _dashboard = DashboardSettings.PathOf(configuration);

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/swagger") || context.Request.Path.StartsWithSegments(_dashboard)
                ? "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'"
                : "default-src 'none'; frame-ancestors 'none'";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
