using System.Globalization;
using GrainMarket.Accounts;
using GrainMarket.ApiGateway.Apis.Accounts;
using GrainMarket.ApiGateway.Auth;
using GrainMarket.ApiGateway.Http;
using GrainMarket.ApiGateway.OpenApi;
using GrainMarket.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Orleans;

namespace GrainMarket.ApiGateway.Apis;

/// <summary>Registration, login, token refresh and logout, and passwords.</summary>
public static class AuthApi
{
    public static RouteGroupBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/auth").WithTags("Auth");
        api.MapPost("/register", RegisterAsync).RequireRateLimiting(AuthRateLimits.Register).WithSummary("Create an account.").ProducesProblems(ErrorCodes.EmailTaken, ErrorCodes.RoleNotSelfAssignable);
        api.MapPost("/login", LoginAsync).RequireRateLimiting(AuthRateLimits.Login).WithSummary("Sign in with e-mail and password.").ProducesProblems(ErrorCodes.InvalidCredentials, ErrorCodes.AccountBlocked);
        api.MapPost("/refresh", RefreshAsync).RequireRateLimiting(AuthRateLimits.Refresh).WithSummary("Get a new access token with a refresh token.").ProducesProblems(ErrorCodes.InvalidRefreshToken, ErrorCodes.AccountBlocked);
        api.MapPost("/logout", LogoutAsync).WithSummary("Sign out and end this session.");
        api.MapPost("/password/change", ChangePasswordAsync).RequireAuthorization().RequireRateLimiting(AuthRateLimits.PasswordChange).WithSummary("Change your password, ending your other sessions.").ProducesProblems(ErrorCodes.CurrentPasswordWrong);
        api.MapPost("/password/forgot", ForgotPasswordAsync).RequireRateLimiting(AuthRateLimits.Reset).WithSummary("Ask for a password reset e-mail.");
        api.MapPost("/password/reset", ResetPasswordAsync).RequireRateLimiting(AuthRateLimits.Reset).WithSummary("Set a new password with the token from the reset e-mail.").ProducesProblems(ErrorCodes.InvalidResetToken);
        return api;
    }

    public static async Task<Results<Created<RegisteredUser>, Accepted<RegistrationReceived>, ProblemHttpResult>> RegisterAsync(
        RegisterRequest request, HttpContext http, IGrainFactory grains, RegistrationPolicy policy, AuthRateLimits limits)
    {
        if (AccountRules.NewAccount(request.Email, request.Password, request.DisplayName, request.Roles, selfRegistration: true) is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        var email = request.Email!.Trim();
        var key = EmailAddress.Normalize(email);
        if (limits.Refuse(AuthRateLimits.Register, key, http) is { } refused)
        {
            return refused;
        }

        var result = await grains.GetGrain<IEmailGrain>(key)
            .RegisterAsync(new Registration(email, request.Password!, request.DisplayName!.Trim(), request.Roles ?? [Roles.Buyer]));
        if (policy.ConcealRegisteredEmails && (result.Succeeded || result.Error!.Code == ErrorCodes.EmailTaken))
        {
            return TypedResults.Accepted("/api/auth/login", new RegistrationReceived(email, RegistrationReceived.Text));
        }

        if (result.Value is not { } user)
        {
            return DomainProblems.For(result.Error!);
        }

        return TypedResults.Created("/api/me", new RegisteredUser(user.Id, user.Email, user.Roles, user.ActiveRole));
    }

    public static async Task<Results<Ok<TokenPair>, Ok<CookieSession>, ProblemHttpResult>> LoginAsync(
        LoginRequest request, [FromQuery(Name = "use_cookies")] bool? useCookies, HttpContext http, IGrainFactory grains, AccessTokens tokens, TimeProvider time, AuthRateLimits limits)
    {
        if (Validation.First(Validation.Email(request.Email), Validation.Required(request.Password, "password", 128)) is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        var key = EmailAddress.Normalize(request.Email!);
        if (limits.Refuse(AuthRateLimits.Login, key, http) is { } refused)
        {
            return refused;
        }

        var result = await grains.GetGrain<IEmailGrain>(key).LoginAsync(request.Password!);
        return Answer(result, useCookies == true, http, tokens, time);
    }

    public static async Task<Results<Ok<TokenPair>, Ok<CookieSession>, ProblemHttpResult>> RefreshAsync(
        RefreshRequest? request, HttpContext http, IGrainFactory grains, AccessTokens tokens, TimeProvider time, AuthRateLimits limits)
    {
        var fromCookie = string.IsNullOrEmpty(request?.RefreshToken);
        var token = fromCookie ? http.Request.Cookies[AuthCookies.Refresh] : request!.RefreshToken;
        if (!AccountTokens.TryGetUserId(token, out var userId))
        {
            return DomainProblems.For(new DomainError(ErrorCodes.InvalidRefreshToken, "A refresh token is required (in the body or the __Host-gm_refresh cookie).", "refreshToken"));
        }

        if (limits.Refuse(AuthRateLimits.Refresh, userId.ToString("N"), http) is { } refused)
        {
            return refused;
        }

        var result = await grains.GetGrain<IUserGrain>(userId).RefreshAsync(token!);
        return Answer(result, fromCookie, http, tokens, time);
    }

    public static async Task<NoContent> LogoutAsync(RefreshRequest? request, HttpContext http, IGrainFactory grains)
    {
        if (http.User.Identity?.IsAuthenticated == true)
        {
            await grains.GetGrain<IUserGrain>(http.User.UserId()).LogoutAsync(http.User.SessionId());
        }

        var token = string.IsNullOrEmpty(request?.RefreshToken) ? http.Request.Cookies[AuthCookies.Refresh] : request.RefreshToken;
        if (AccountTokens.TryGetUserId(token, out var userId))
        {
            await grains.GetGrain<IUserGrain>(userId).EndSessionAsync(token!);
        }

        AuthCookies.Clear(http.Response);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<TokenPair>, ProblemHttpResult>> ChangePasswordAsync(
        ChangePasswordRequest request, HttpContext http, IGrainFactory grains, AccessTokens tokens, AuthRateLimits limits)
    {
        if (Validation.First(Validation.Required(request.CurrentPassword, "currentPassword", 128), Validation.Password(request.NewPassword, "newPassword")) is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        var userId = http.User.UserId();
        if (limits.Refuse(AuthRateLimits.PasswordChange, userId.ToString("N"), http) is { } refused)
        {
            return refused;
        }

        var result = await grains.GetGrain<IUserGrain>(userId).ChangePasswordAsync(http.User.SessionId(), request.CurrentPassword!, request.NewPassword!);
        return result.Value is { } grant ? TypedResults.Ok(tokens.Issue(grant)) : Problem(result.Error!, http);
    }

    /// <summary>Always 202, whether or not the address has an account: the answer must not tell.</summary>
    public static async Task<Results<Accepted, ProblemHttpResult>> ForgotPasswordAsync(ForgotPasswordRequest request, HttpContext http, IGrainFactory grains, AuthRateLimits limits)
    {
        if (Validation.Email(request.Email) is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        var key = EmailAddress.Normalize(request.Email!);
        if (limits.Refuse(AuthRateLimits.Reset, key, http) is { } refused)
        {
            return refused;
        }

        await grains.GetGrain<IEmailGrain>(key).RequestPasswordResetAsync();
        return TypedResults.Accepted((string?)null);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> ResetPasswordAsync(ResetPasswordRequest request, HttpContext http, IGrainFactory grains, AuthRateLimits limits)
    {
        if (Validation.First(Validation.Required(request.Token, "token", 256), Validation.Password(request.NewPassword, "newPassword")) is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        if (!AccountTokens.TryGetUserId(request.Token, out var userId))
        {
            return DomainProblems.For(new DomainError(ErrorCodes.InvalidResetToken, "The reset token is wrong, used or expired.", "token"));
        }

        if (limits.Refuse(AuthRateLimits.Reset, userId.ToString("N"), http) is { } refused)
        {
            return refused;
        }

        var result = await grains.GetGrain<IUserGrain>(userId).ResetPasswordAsync(request.Token!, request.NewPassword!);
        return result.Succeeded ? TypedResults.NoContent() : DomainProblems.For(result.Error!);
    }

    /// <summary>The problem of an error, with <c>Retry-After</c> when the account is locked.</summary>
    private static ProblemHttpResult Problem(DomainError error, HttpContext http)
    {
        if (error.Figures?.TryGetValue("retryAfterSeconds", out var seconds) == true)
        {
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        return DomainProblems.For(error);
    }

    /// <summary>A session's token pair, or with <paramref name="useCookies"/> its cookies (also the answer of an external link).</summary>
    internal static Results<Ok<TokenPair>, Ok<CookieSession>, ProblemHttpResult> Answer(Result<SessionGrant> result, bool useCookies, HttpContext http, AccessTokens tokens, TimeProvider time)
    {
        if (result.Value is not { } grant)
        {
            return Problem(result.Error!, http);
        }

        var pair = tokens.Issue(grant);
        if (!useCookies)
        {
            return TypedResults.Ok(pair);
        }

        AuthCookies.Write(http.Response, pair, time.GetUtcNow(), grant.RefreshExpiresAt);
        return TypedResults.Ok(new CookieSession(pair.ExpiresIn, pair.User));
    }
}
