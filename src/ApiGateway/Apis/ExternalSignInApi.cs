using System.Security.Claims;
using GrainMarket.Accounts;
using GrainMarket.ApiGateway.Apis.Accounts;
using GrainMarket.ApiGateway.Auth;
using GrainMarket.ApiGateway.Http;
using GrainMarket.ApiGateway.OpenApi;
using GrainMarket.Common;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Orleans;

namespace GrainMarket.ApiGateway.Apis;

/// <summary>
/// Sign-in with Google, Facebook, X or an OpenID Connect provider: the providers offered, the start (a redirect to the
/// provider), the completion after the provider's callback (GrainMarket's own session cookies, as a password login with
/// <c>use_cookies</c> sets them), and the link of an identity whose e-mail already has an account.
/// </summary>
public static class ExternalSignInApi
{
    public static RouteGroupBuilder MapExternalSignInApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/auth").WithTags("Auth");
        api.MapGet("/providers", GetProviders)
            .WithSummary("List the providers I can sign in with.");
        api.MapGet("/external/{provider}", Start)
            .WithSummary("Sign in with an external provider (redirects to it).")
            .Produces(StatusCodes.Status302Found).ProducesProblems(ErrorCodes.Validation, ErrorCodes.NotFound);
        api.MapGet("/external/{provider}/complete", CompleteAsync)
            .WithSummary("Finish signing in once the provider has sent me back.")
            .Produces(StatusCodes.Status302Found).ProducesProblems(ErrorCodes.Validation, ErrorCodes.ExternalSignInFailed, ErrorCodes.AccountBlocked, ErrorCodes.NotFound);
        api.MapPost("/external/link", LinkAsync).RequireRateLimiting(AuthRateLimits.Login)
            .WithSummary("Link a provider sign-in to my existing account by giving its password.")
            .ProducesProblems(ErrorCodes.InvalidLinkTicket, ErrorCodes.InvalidCredentials, ErrorCodes.AccountBlocked, ErrorCodes.TooManyAttempts);
        return api;
    }

    public static Ok<List<ExternalProviderView>> GetProviders(ExternalProviders providers) =>
        TypedResults.Ok(providers.Offered.Select(p => new ExternalProviderView(p.Name, p.DisplayName, $"/api/auth/external/{p.Name}")).ToList());

    public static Results<ChallengeHttpResult, ProblemHttpResult> Start(string provider, [FromQuery(Name = "return_url")] string? returnUrl, ExternalProviders providers)
    {
        if (providers.Find(provider) is null)
        {
            return NotOffered(provider);
        }

        var target = string.IsNullOrEmpty(returnUrl) ? "/" : returnUrl;
        if (!providers.IsAllowedReturnUrl(target))
        {
            return InvalidReturnUrl();
        }

        var properties = new AuthenticationProperties { RedirectUri = $"/api/auth/external/{provider}/complete?return_url={Uri.EscapeDataString(target)}" };
        return TypedResults.Challenge(properties, [provider]);
    }

    /// <summary>
    /// Reached by the redirect the provider's handler makes after a good callback (its external cookie holds what the
    /// provider said). Signs in with GrainMarket's session cookies and redirects to <c>return_url</c>; when the provider's
    /// e-mail has an account already, redirects there with <c>#link_ticket=…&amp;email=…</c> instead, and nothing signs in
    /// until <c>POST /api/auth/external/link</c> gives that account's password.
    /// </summary>
    public static async Task<Results<RedirectHttpResult, ProblemHttpResult>> CompleteAsync(
        string provider, [FromQuery(Name = "return_url")] string? returnUrl, HttpContext http, IGrainFactory grains, ExternalProviders providers, AccessTokens tokens, TimeProvider time)
    {
        if (providers.Find(provider) is not { } offered)
        {
            return NotOffered(provider);
        }

        var target = string.IsNullOrEmpty(returnUrl) ? "/" : returnUrl;
        if (!providers.IsAllowedReturnUrl(target))
        {
            return InvalidReturnUrl();
        }

        var external = await http.AuthenticateAsync(ExternalProviders.ExternalScheme);
        if (external.Succeeded)
        {
            // Used once: a completion cannot be replayed from the same cookie.
            await http.SignOutAsync(ExternalProviders.ExternalScheme);
        }

        if (!external.Succeeded || (external.Properties?.Items.TryGetValue(".AuthScheme", out var scheme) != true || scheme != provider) || IdentityOf(offered, external.Principal!) is not { } identity)
        {
            return DomainProblems.For(new DomainError(ErrorCodes.ExternalSignInFailed, $"No sign-in with {provider} is in progress in this browser: start at GET /api/auth/external/{provider}."));
        }

        var result = await grains.GetGrain<IExternalLoginGrain>(ExternalLogins.Key(provider, identity.Subject)).SignInAsync(identity);
        if (result.Value is not { } outcome)
        {
            return DomainProblems.For(result.Error!);
        }

        if (outcome.Grant is { } grant)
        {
            AuthCookies.Write(http.Response, tokens.Issue(grant), time.GetUtcNow(), grant.RefreshExpiresAt);
            return TypedResults.Redirect(target);
        }

        return TypedResults.Redirect($"{target}#link_ticket={Uri.EscapeDataString(outcome.LinkTicket!)}&email={Uri.EscapeDataString(outcome.Email ?? "")}");
    }

    public static async Task<Results<Ok<TokenPair>, Ok<CookieSession>, ProblemHttpResult>> LinkAsync(
        LinkExternalRequest request, [FromQuery(Name = "use_cookies")] bool? useCookies, HttpContext http, IGrainFactory grains, ExternalProviders providers, AccessTokens tokens, TimeProvider time, AuthRateLimits limits)
    {
        if (Validation.First(Validation.Required(request.Ticket, "ticket", 1024), Validation.Required(request.Password, "password", 128)) is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        if (!ExternalLogins.TryParseTicket(request.Ticket, out var key, out var secret) || providers.Find(key[..key.IndexOf(':', StringComparison.Ordinal)]) is null)
        {
            return DomainProblems.For(new DomainError(ErrorCodes.InvalidLinkTicket, "The link ticket is wrong, used or expired: sign in with the provider again.", "ticket"));
        }

        if (limits.Refuse(AuthRateLimits.Login, key, http) is { } refused)
        {
            return refused;
        }

        var result = await grains.GetGrain<IExternalLoginGrain>(key).LinkAsync(secret, request.Password!);
        return AuthApi.Answer(result, useCookies == true, http, tokens, time);
    }

    /// <summary>
    /// What the provider's handler put in the external cookie: the subject (required), the e-mail if it looks like one
    /// (verified only when the provider says <c>email_verified</c>), and a display name (the provider's, or the e-mail's
    /// local part, or "&lt;Provider&gt; user").
    /// </summary>
    private static ExternalIdentity? IdentityOf(ExternalProvider provider, ClaimsPrincipal principal)
    {
        var subject = Claim(principal, ClaimTypes.NameIdentifier, "sub");
        if (subject is not { Length: > 0 and <= 255 })
        {
            return null;
        }

        var email = Claim(principal, ClaimTypes.Email, "email");
        if (email is not null && Validation.Email(email) is not null)
        {
            email = null;
        }

        var verified = email is not null && string.Equals(Claim(principal, "email_verified"), "true", StringComparison.OrdinalIgnoreCase);
        var name = Claim(principal, ClaimTypes.Name, "name", "preferred_username")?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            name = email?[..email.IndexOf('@', StringComparison.Ordinal)] ?? $"{provider.DisplayName} user";
        }

        return new ExternalIdentity(provider.Name, subject, email, verified, name.Length > 100 ? name[..100] : name);
    }

    private static string? Claim(ClaimsPrincipal principal, params string[] types) =>
        types.Select(type => principal.FindFirst(type)?.Value).FirstOrDefault(value => !string.IsNullOrEmpty(value));

    private static ProblemHttpResult InvalidReturnUrl() =>
        DomainProblems.Invalid("return_url", "must be a local path (/…) or an address on a configured origin (GRAINMARKET_OAUTH_RETURN_ORIGINS), without a fragment");

    private static ProblemHttpResult NotOffered(string provider) =>
        DomainProblems.For(new DomainError(ErrorCodes.NotFound, $"No provider '{provider}' is offered here (GET /api/auth/providers lists them).", "provider"));
}
