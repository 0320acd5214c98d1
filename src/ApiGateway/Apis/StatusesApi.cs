using System.Security.Claims;
using GrainMarket.ApiGateway.Apis.Statuses;
using GrainMarket.ApiGateway.Auth;
using GrainMarket.ApiGateway.Http;
using GrainMarket.ApiGateway.OpenApi;
using GrainMarket.ApiGateway.ReadModels;
using GrainMarket.Common;
using GrainMarket.Statuses;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans;

namespace GrainMarket.ApiGateway.Apis;

/// <summary>
/// Status updates: a short text a user posts for their contacts (the people they have a conversation with) to see for
/// 24 hours. Each user's statuses are a grain of their own; the list reads the <c>statuses</c> read model.
/// </summary>
public static class StatusesApi
{
    private const int DefaultPageSize = 20;
    private const int MaxPageSize = 100;

    public static IEndpointRouteBuilder MapStatusesApi(this IEndpointRouteBuilder app)
    {
        var statuses = app.MapGroup("/api/statuses").WithTags("Statuses").RequireAuthorization();
        statuses.MapGet("/", ListAsync).WithSummary("List the live statuses of my contacts and my own, newest first.");
        statuses.MapPost("/", PostAsync).WithMetadata(new IdempotentAttribute()).WithSummary("Post a status my contacts see for 24 hours.")
            .ProducesProblems(ErrorCodes.StatusLimitReached);
        statuses.MapDelete("/{id:guid}", DeleteAsync).WithSummary("Take one of my statuses down before it expires.")
            .ProducesProblems(ErrorCodes.StatusNotFound);
        return app;
    }

    /// <summary><paramref name="limit"/> is text so that a malformed one is a 400 naming it; <paramref name="cursor"/> is the <c>next</c> of the previous page.</summary>
    public static async Task<Results<Ok<StatusPage>, ProblemHttpResult>> ListAsync(
        string? limit, string? cursor, ClaimsPrincipal user, ReadModelDatabase readModels, TimeProvider time, CancellationToken cancellationToken)
    {
        if (Validation.PageSize(limit, "limit", DefaultPageSize, MaxPageSize, out var size) is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        return PageCursor.TryParse(cursor, out var afterTime, out var afterId)
            ? TypedResults.Ok(await StatusQueries.ListAsync(readModels.DataSource, user.UserId(), time.GetUtcNow(), size, afterTime, afterId, cancellationToken))
            : DomainProblems.Invalid("cursor", "is not a cursor this API returned");
    }

    public static async Task<Results<Created<StatusView>, ProblemHttpResult>> PostAsync(PostStatusRequest request, HttpContext http, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(http);
        if (Validation.Required(request.Text, "text", IStatusesGrain.MaxLength) is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        // The id comes from the author and the Idempotency-Key, so a retry that outlived the replay store posts nothing twice.
        var userId = http.User.UserId();
        var id = DeterministicGuid.From($"status:{userId:N}:{http.Request.Headers[IdempotencyMiddleware.Header]}");
        var posted = await grains.GetGrain<IStatusesGrain>(userId).PostAsync(id, request.Text!.Trim());
        return posted.Value is { } status ? TypedResults.Created($"/api/statuses/{status.Id}", status) : DomainProblems.For(posted.Error!);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, ClaimsPrincipal user, IGrainFactory grains)
    {
        var deleted = await grains.GetGrain<IStatusesGrain>(user.UserId()).DeleteAsync(id);
        return deleted.Succeeded ? TypedResults.NoContent() : DomainProblems.For(deleted.Error!);
    }
}
