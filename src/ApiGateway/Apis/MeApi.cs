using GrainMarket.Accounts;
using GrainMarket.ApiGateway.Apis.Accounts;
using GrainMarket.ApiGateway.Auth;
using GrainMarket.ApiGateway.Http;
using GrainMarket.ApiGateway.OpenApi;
using GrainMarket.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans;

namespace GrainMarket.ApiGateway.Apis;

/// <summary>The signed-in account: profile and active role.</summary>
public static class MeApi
{
    public static RouteGroupBuilder MapMeApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/me").WithTags("Me").RequireAuthorization();
        api.MapGet("/", GetAsync).WithSummary("Get your profile and roles.");
        api.MapPatch("/", UpdateAsync).WithSummary("Change your profile.").ProducesProblems(ErrorCodes.UsernameTaken);
        api.MapPost("/active-role", SwitchRoleAsync).WithSummary("Switch the role you act in.").ProducesProblems(ErrorCodes.RoleNotHeld);
        return api;
    }

    public static async Task<Results<Ok<UserView>, ProblemHttpResult>> GetAsync(HttpContext http, IGrainFactory grains) =>
        await grains.GetGrain<IUserGrain>(http.User.UserId()).GetAsync() is { } user
            ? TypedResults.Ok(user)
            : DomainProblems.NotFound("The account");

    public static async Task<Results<Ok<UserView>, ProblemHttpResult>> UpdateAsync(UpdateProfileRequest request, HttpContext http, IGrainFactory grains)
    {
        var invalid = Validation.First(
            request.DisplayName is null ? null : Validation.Required(request.DisplayName, "displayName", 100),
            Validation.Optional(request.Phone, "phone", 32),
            request.Phone is { Length: > 0 } phone && !phone.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '-' or '(' or ')') ? DomainError.Invalid("phone", "may hold only digits, spaces and + - ( )") : null,
            request.Location is { } l && (l.Lat is < -90 or > 90 || double.IsNaN(l.Lat)) ? DomainError.Invalid("location.lat", "must be between -90 and 90") : null,
            request.Location is { } m && (m.Lng is < -180 or > 180 || double.IsNaN(m.Lng)) ? DomainError.Invalid("location.lng", "must be between -180 and 180") : null,
            Validation.Optional(request.Location?.Address, "location.address", 300),
            Validation.ImageUrl(request.AvatarUrl, "avatarUrl"),
            Usernames.Check(request.Username, "username"));
        if (invalid is not null)
        {
            return DomainProblems.For(invalid);
        }

        var result = await grains.GetGrain<IUserGrain>(http.User.UserId())
            .UpdateProfileAsync(new ProfileUpdate(request.DisplayName?.Trim(), request.Phone?.Trim(), request.Location, request.AvatarUrl, Usernames.Normalize(request.Username)));
        return result.Value is { } user ? TypedResults.Ok(user) : DomainProblems.For(result.Error!);
    }

    public static async Task<Results<Ok<TokenPair>, ProblemHttpResult>> SwitchRoleAsync(ActiveRoleRequest request, HttpContext http, IGrainFactory grains, AccessTokens tokens)
    {
        if (string.IsNullOrEmpty(request.Role) || !Roles.IsKnown(request.Role))
        {
            return DomainProblems.Invalid("role", $"must be one of {string.Join(", ", Roles.All)}");
        }

        var result = await grains.GetGrain<IUserGrain>(http.User.UserId()).SwitchRoleAsync(http.User.SessionId(), request.Role);
        return result.Value is { } grant ? TypedResults.Ok(tokens.Issue(grant)) : DomainProblems.For(result.Error!);
    }
}
