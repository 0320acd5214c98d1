using GrainMarket.Accounts;
using GrainMarket.ApiGateway.Auth;
using GrainMarket.ApiGateway.Http;
using GrainMarket.ApiGateway.OpenApi;
using GrainMarket.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans;

namespace GrainMarket.ApiGateway.Apis;

/// <summary>The signed-in account's ways to sign in: its password and its linked external identities.</summary>
public static class MeLoginsApi
{
    public static RouteGroupBuilder MapMeLoginsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/me/logins").WithTags("Me").RequireAuthorization();
        api.MapGet("/", GetAsync)
            .WithSummary("See the ways I can sign in.");
        api.MapDelete("/{provider}", RemoveAsync)
            .WithSummary("Unlink a provider from my account.")
            .ProducesProblems(ErrorCodes.NotFound, ErrorCodes.LastSignInMethod);
        return api;
    }

    public static async Task<Results<Ok<SignInMethods>, ProblemHttpResult>> GetAsync(HttpContext http, IGrainFactory grains) =>
        await grains.GetGrain<IUserGrain>(http.User.UserId()).GetSignInMethodsAsync() is { } methods
            ? TypedResults.Ok(methods)
            : DomainProblems.NotFound("The account");

    /// <summary>Unlinks the provider's identity; the next sign-in with it starts afresh (a new account, or a link ticket for the same e-mail).</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(string provider, HttpContext http, IGrainFactory grains)
    {
        if (Validation.Required(provider, "provider", 64) is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        var userId = http.User.UserId();
        var removed = await grains.GetGrain<IUserGrain>(userId).RemoveLoginAsync(provider);
        if (removed.Value is not { } subject)
        {
            return DomainProblems.For(removed.Error!);
        }

        // After the account's write: an identity released late only makes its next sign-in find the account unlinked.
        await grains.GetGrain<IExternalLoginGrain>(ExternalLogins.Key(provider, subject)).ReleaseAsync(userId);
        return TypedResults.NoContent();
    }
}
