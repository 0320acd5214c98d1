using GrainMarket.ApiGateway.Http;
using GrainMarket.Common;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.IdentityModel.Tokens;

namespace GrainMarket.ApiGateway.Auth;

/// <summary>
/// The problems of refused authentication and authorization, saying why: a 401 names what was wrong with the access
/// token (none, expired, invalid, its session ended), a 403 of a role-gated operation names the roles it needs and the
/// caller's active role. Nothing more: a refused token's problem never describes the signature or the claims.
/// </summary>
public sealed class AuthProblems : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler standard = new();

    /// <summary>The JWT bearer challenge (<see cref="JwtBearerEvents.OnChallenge"/>): our problem instead of a bare 401.</summary>
    public static async Task ChallengeAsync(JwtBearerChallengeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.HandleResponse();
        var failure = context.AuthenticateFailure;
        context.Response.Headers.WWWAuthenticate = failure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        await DomainProblems.For(Reason(failure)).ExecuteAsync(context.HttpContext);
    }

    /// <summary>Why a request is not authenticated, from the bearer handler's failure (null: no token at all).</summary>
    public static DomainError Reason(Exception? failure) => failure switch
    {
        null => new DomainError(ErrorCodes.Unauthenticated, $"Sign in: send an access token as a bearer token or in the {AuthCookies.Access} cookie."),
        SecurityTokenExpiredException => new DomainError(ErrorCodes.TokenExpired, "The access token has expired: refresh it (POST /api/auth/refresh) or sign in again."),
        SessionEndedException => new DomainError(ErrorCodes.SessionEnded, "The access token's session has ended (signed out, blocked, the password changed or the active role switched): refresh it or sign in again."),
        _ => new DomainError(ErrorCodes.TokenInvalid, "The access token is malformed or was not issued by this service for this API: sign in again."),
    };

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (authorizeResult.Forbidden && context.User.Identity?.IsAuthenticated == true
            && context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().ToList() is { Count: > 0 } policies)
        {
            var needed = policies.Select(Policies.Describe).ToList();
            var active = context.User.ActiveRole() is { Length: > 0 } role ? role : null;
            var extensions = new Dictionary<string, object?>
            {
                ["code"] = ErrorCodes.Forbidden,
                ["requiredRoles"] = needed.SelectMany(n => n.Roles).Distinct().ToList(),
                ["activeRole"] = active,
            };
            await TypedResults.Problem(
                $"This operation needs {string.Join(" and ", needed.Select(n => n.Text))}; your active role is {active ?? "none"} (POST /api/me/active-role switches it).",
                statusCode: StatusCodes.Status403Forbidden,
                title: "Forbidden",
                type: $"https://grainmarket.dev/problems/{ErrorCodes.Forbidden}",
                extensions: extensions).ExecuteAsync(context);
            return;
        }

        await standard.HandleAsync(next, context, policy, authorizeResult);
    }
}

/// <summary>A verified token whose session no longer stands (the user grain said so).</summary>
public sealed class SessionEndedException : Exception
{
    public SessionEndedException()
        : base("The session was ended, or the account was blocked.")
    {
    }

    public SessionEndedException(string message)
        : base(message)
    {
    }

    public SessionEndedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
