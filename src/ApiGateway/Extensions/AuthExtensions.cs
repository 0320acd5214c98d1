using System.Threading.RateLimiting;
using GrainMarket.ApiGateway.Apis.Accounts;
using GrainMarket.ApiGateway.Auth;
using GrainMarket.ApiGateway.Http;
using GrainMarket.Common;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Orleans;

namespace GrainMarket.ApiGateway.Extensions;

public static class AuthExtensions
{
    /// <summary>The rate-limiter policy of the login endpoint (per client address).</summary>
    public const string LoginRateLimit = "login";

    /// <summary>
    /// JWT bearer authentication (header or the <c>__Host-gm_access</c> cookie), whose every token is checked against its
    /// user grain (blocked, logged out, password changed); role policies; and a per-address login rate limit of
    /// <c>GRAINMARKET_LOGIN_LIMIT_PER_MINUTE</c> (default 20) answered with 429 and <c>Retry-After</c>; and whether
    /// registration conceals registered addresses (<see cref="RegistrationPolicy"/>).
    /// </summary>
    public static IHostApplicationBuilder AddGrainMarketAuth(this IHostApplicationBuilder builder)
    {
        var settings = new JwtSettings(builder.Configuration);
        if (settings.KeyIsEphemeral && builder.Environment.IsProduction())
        {
            throw new InvalidOperationException("GRAINMARKET_JWT_KEY is not set: in Production the gateway will not sign tokens with a key made up at start-up (set the same key, at least 32 bytes, on every gateway and silo).");
        }

        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(RegistrationPolicy.From(builder.Configuration));
        builder.Services.AddSingleton<AccessTokens>();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.MapInboundClaims = false;

            // A refused token's 401 says only "invalid_token": no description of what was wrong with it to help a forger.
            options.IncludeErrorDetails = false;
            options.TokenValidationParameters = settings.ValidationParameters();
            options.Events = new JwtBearerEvents
            {
                OnMessageReceived = context =>
                {
                    if (string.IsNullOrEmpty(context.Token) && context.Request.Cookies.TryGetValue(AuthCookies.Access, out var cookie))
                    {
                        context.Token = cookie;
                    }

                    return Task.CompletedTask;
                },
                OnTokenValidated = async context =>
                {
                    if (!await Sessions.IsLiveAsync(context.Principal!, context.HttpContext.RequestServices.GetRequiredService<IGrainFactory>()))
                    {
                        context.Fail("The session was ended, or the account was blocked.");
                    }
                },
            };
        });
        builder.Services.AddAuthorization(Policies.Add);

        var perMinute = builder.Configuration.GetValue<int?>("GRAINMARKET_LOGIN_LIMIT_PER_MINUTE") ?? 20;
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(LoginRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await DomainProblems.For(new DomainError(ErrorCodes.TooManyAttempts, "Too many login attempts from this address; try again later."))
                    .ExecuteAsync(context.HttpContext);
            };
        });
        return builder;
    }
}
