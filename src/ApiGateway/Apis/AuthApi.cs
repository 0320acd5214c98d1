using System.Globalization;
using GrainMarket.Accounts;
using GrainMarket.ApiGateway.Apis.Accounts;
using GrainMarket.ApiGateway.Auth;
using GrainMarket.ApiGateway.Extensions;
using GrainMarket.ApiGateway.Http;
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
        api.MapPost("/register", RegisterAsync).RequireRateLimiting(AuthExtensions.LoginRateLimit);
        api.MapPost("/login", LoginAsync).RequireRateLimiting(AuthExtensions.LoginRateLimit);
        api.MapPost("/refresh", RefreshAsync).RequireRateLimiting(AuthExtensions.LoginRateLimit);
        api.MapPost("/logout", LogoutAsync);
        api.MapPost("/password/change", ChangePasswordAsync).RequireAuthorization();
        api.MapPost("/password/forgot", ForgotPasswordAsync).RequireRateLimiting(AuthExtensions.LoginRateLimit);
        api.MapPost("/password/reset", ResetPasswordAsync).RequireRateLimiting(AuthExtensions.LoginRateLimit);
        return api;
    }

    public static async Task<Results<Created<RegisteredUser>, Accepted<RegistrationReceived>, ProblemHttpResult>> RegisterAsync(
        RegisterRequest request, IGrainFactory grains, RegistrationPolicy policy)
    {
        if (AccountRules.NewAccount(request.Email, request.Password, request.DisplayName, request.Roles, selfRegistration: true) is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        var email = request.Email!.Trim();
        var result = await grains.GetGrain<IEmailGrain>(EmailAddress.Normalize(email))
            .RegisterAsync(new Registration(email, request.Password!, request.DisplayName!.Trim(), request.Roles ?? [Roles.Buyer]));
        if (policy.ConcealRegisteredEmails && (result.Succeeded || result.Error!.Code == ErrorCodes.EmailTaken))
        {
            return TypedResults.Accepted("/api/auth/login", new RegistrationReceived(email, RegistrationReceived.Text));
        }

        if (result.Value is not { } user)
        {
            return DomainProblems.For(result.Error!);
        }

        return TypedResults.Created("/api/me", new RegisteredUser(user.UserId, user.Email, user.Roles, user.ActiveRole));
    }

    public static async Task<Results<Ok<TokenPair>, Ok<CookieSession>, ProblemHttpResult>> LoginAsync(
        LoginRequest request, [FromQuery] bool? useCookies, HttpContext http, IGrainFactory grains, AccessTokens tokens, TimeProvider time)
    {
        if (Validation.First(Validation.Email(request.Email), Validation.Required(request.Password, "password", 128)) is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        var result = await grains.GetGrain<IEmailGrain>(EmailAddress.Normalize(request.Email!)).LoginAsync(request.Password!);
        return Answer(result, useCookies == true, http, tokens, time);
    }

    public static async Task<Results<Ok<TokenPair>, Ok<CookieSession>, ProblemHttpResult>> RefreshAsync(
        RefreshRequest? request, HttpContext http, IGrainFactory grains, AccessTokens tokens, TimeProvider time)
    {
        var fromCookie = string.IsNullOrEmpty(request?.RefreshToken);
        var token = fromCookie ? http.Request.Cookies[AuthCookies.Refresh] : request!.RefreshToken;
        if (!AccountTokens.TryGetUserId(token, out var userId))
        {
            return DomainProblems.For(new DomainError(ErrorCodes.InvalidRefreshToken, "A refresh token is required (in the body or the gm_refresh cookie).", "refreshToken"));
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
        ChangePasswordRequest request, HttpContext http, IGrainFactory grains, AccessTokens tokens)
    {
        if (Validation.First(Validation.Required(request.CurrentPassword, "currentPassword", 128), Validation.Password(request.NewPassword, "newPassword")) is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        var result = await grains.GetGrain<IUserGrain>(http.User.UserId()).ChangePasswordAsync(http.User.SessionId(), request.CurrentPassword!, request.NewPassword!);
        return result.Value is { } grant ? TypedResults.Ok(tokens.Issue(grant)) : DomainProblems.For(result.Error!);
    }

    /// <summary>Always 202, whether or not the address has an account: the answer must not tell.</summary>
    public static async Task<Results<Accepted, ProblemHttpResult>> ForgotPasswordAsync(ForgotPasswordRequest request, IGrainFactory grains)
    {
        if (Validation.Email(request.Email) is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        await grains.GetGrain<IEmailGrain>(EmailAddress.Normalize(request.Email!)).RequestPasswordResetAsync();
        return TypedResults.Accepted((string?)null);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> ResetPasswordAsync(ResetPasswordRequest request, IGrainFactory grains)
    {
        if (Validation.First(Validation.Required(request.Token, "token", 256), Validation.Password(request.NewPassword, "newPassword")) is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        if (!AccountTokens.TryGetUserId(request.Token, out var userId))
        {
            return DomainProblems.For(new DomainError(ErrorCodes.InvalidResetToken, "The reset token is wrong, used or expired.", "token"));
        }

        var result = await grains.GetGrain<IUserGrain>(userId).ResetPasswordAsync(request.Token!, request.NewPassword!);
        return result.Succeeded ? TypedResults.NoContent() : DomainProblems.For(result.Error!);
    }

    private static Results<Ok<TokenPair>, Ok<CookieSession>, ProblemHttpResult> Answer(Result<SessionGrant> result, bool useCookies, HttpContext http, AccessTokens tokens, TimeProvider time)
    {
        if (result.Value is not { } grant)
        {
            if (result.Error!.Figures?.TryGetValue("retryAfterSeconds", out var seconds) == true)
            {
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            }

            return DomainProblems.For(result.Error);
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
