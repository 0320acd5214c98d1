using System.Security.Claims;
using GrainMarket.ApiGateway.Apis.Chat;
using GrainMarket.ApiGateway.Auth;
using GrainMarket.ApiGateway.Http;
using GrainMarket.ApiGateway.ReadModels;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GrainMarket.ApiGateway.Apis;

/// <summary>
/// The user directory for starting chats: active accounts whose username or display name starts with <c>q</c> (any
/// case), by display name, showing only public fields (id, username, display name). Users blocked either way by the caller, accounts blocked by the
/// admins, and the caller are left out. It shares the catalog search's per-caller rate (<see cref="UsageRateLimits.Search"/>).
/// </summary>
public static class UserSearchApi
{
    public const int MinQueryLength = 2;
    public const int MaxQueryLength = 100;

    private const int DefaultPageSize = 20;
    private const int MaxPageSize = 50;

    public static IEndpointRouteBuilder MapUserSearchApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/users").WithTags("Users").RequireAuthorization()
            .MapGet("/search", SearchAsync).WithMetadata(new UsageRateLimits.Limit(UsageRateLimits.Search)).WithSummary("Find users by the start of their username or name to chat with.");
        return app;
    }

    public static async Task<Results<Ok<UserSearchPage>, ProblemHttpResult>> SearchAsync(
        string? q, string? limit, string? cursor, ClaimsPrincipal user, ReadModelDatabase readModels, CancellationToken cancellationToken)
    {
        var text = q?.Trim();
        var invalid = Validation.First(
            Validation.Required(text, "q", MaxQueryLength),
            text is { Length: < MinQueryLength } ? Common.DomainError.Invalid("q", $"must be at least {MinQueryLength} characters") : null,
            Validation.PageSize(limit, "limit", DefaultPageSize, MaxPageSize, out var size));
        if (invalid is not null)
        {
            return DomainProblems.For(invalid);
        }

        if (!IdCursor.TryParse(cursor, out var after))
        {
            return DomainProblems.Invalid("cursor", "is not a cursor this API returned");
        }

        return TypedResults.Ok(await ChatQueries.SearchAsync(readModels.DataSource, user.UserId(), text!, after, size, cancellationToken));
    }
}
