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
    /// <summary>
    /// JWT bearer authentication (header or the <c>__Host-gm_access</c> cookie), whose every token is checked against its
    /// user grain (blocked, logged out, password changed), which also answers the account's current roles: the token's
    /// <c>roles</c> claims are replaced by them, so role policies follow a demotion at once; the rate limits of the
    /// credential endpoints (<see cref="AuthRateLimits"/>): <c>GRAINMARKET_LOGIN_LIMIT_PER_MINUTE</c> (default 20) per
    /// operation and client address, <c>GRAINMARKET_ACCOUNT_LIMIT_PER_MINUTE</c> (default the same) per operation and
    /// account, answered with 429 and <c>Retry-After</c>; the client address taken from forwarded headers only when the
    /// peer is one of <c>GRAINMARKET_TRUSTED_PROXIES</c> (<see cref="TrustedProxies"/>); and whether registration conceals
    /// registered addresses (<see cref="RegistrationPolicy"/>); and the per-caller limits of search, checkout, bids and the
    /// live stream (<see cref="UsageRateLimits"/>).
    /// </summary>
    public static IHostApplicationBuilder AddGrainMarketAuth(this IHostApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment() && JwtKeyPolicy.Refusal(builder.Configuration["GRAINMARKET_JWT_KEY"]) is { } refusal)
        {
            throw new InvalidOperationException(refusal);
        }

        var settings = new JwtSettings(builder.Configuration);

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
                    // The roles come from the account, not from the token: a demoted admin loses admin endpoints at once.
                    if (await Sessions.CurrentRolesAsync(context.Principal!, context.HttpContext.RequestServices.GetRequiredService<IGrainFactory>()) is { } roles)
                    {
                        Sessions.UseCurrentRoles(context.Principal!, roles);
                    }
                    else
                    {
                        context.Fail(new SessionEndedException());
                    }
                },
                OnChallenge = AuthProblems.ChallengeAsync,
            };
        });
        builder.Services.AddAuthorization(Policies.Add);
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, AuthProblems>();

        var perMinute = builder.Configuration.GetValue<int?>("GRAINMARKET_LOGIN_LIMIT_PER_MINUTE") ?? 20;
        var limits = new AuthRateLimits(builder.Configuration.GetValue<int?>("GRAINMARKET_ACCOUNT_LIMIT_PER_MINUTE") ?? perMinute);
        builder.Services.AddSingleton(limits);
        builder.Services.AddSingleton(new UsageRateLimits(builder.Configuration));
        var trustedProxies = builder.Configuration[TrustedProxies.Setting];
        builder.Services.Configure<ForwardedHeadersOptions>(options => TrustedProxies.Configure(options, trustedProxies));
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            foreach (var operation in AuthRateLimits.Operations)
            {
                limiter.AddPolicy(operation, http => RateLimitPartition.GetFixedWindowLimiter(AuthRateLimits.AddressOf(http), _ => AuthRateLimits.Window(perMinute)));
            }

            limiter.OnRejected = async (context, cancellationToken) =>
            {
                AuthRateLimits.SetRetryAfter(context.HttpContext, context.Lease);
                await DomainProblems.For(new DomainError(ErrorCodes.TooManyAttempts, "Too many attempts from this address; try again later."))
                    .ExecuteAsync(context.HttpContext);
            };
        });
        return builder;
    }
}
