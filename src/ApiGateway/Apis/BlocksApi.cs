using System.Security.Claims;
using GrainMarket.Accounts;
using GrainMarket.ApiGateway.Apis.Chat;
using GrainMarket.ApiGateway.Auth;
using GrainMarket.ApiGateway.Http;
using GrainMarket.ApiGateway.OpenApi;
using GrainMarket.ApiGateway.ReadModels;
using GrainMarket.Common;
using GrainMarket.Messaging;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans;

namespace GrainMarket.ApiGateway.Apis;

/// <summary>
/// The caller's block list: a block stops messages and new conversations between the two, either way, and hides them
/// from each other in the user search. Blocking is idempotent, and so is unblocking someone not blocked (404 says so).
/// </summary>
public static class BlocksApi
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 100;

    public static IEndpointRouteBuilder MapBlocksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/me/blocks").WithTags("Chat").RequireAuthorization();
        api.MapGet("/", ListAsync).WithSummary("List the users you have blocked.");
        api.MapPost("/", BlockAsync).WithSummary("Block a user: no messages either way, and neither finds the other.")
            .ProducesProblems(ErrorCodes.UserNotFound, ErrorCodes.CannotChatWithSelf, ErrorCodes.BlockListFull);
        api.MapDelete("/{userId:guid}", UnblockAsync).WithSummary("Unblock a user.").ProducesProblems(ErrorCodes.NotFound);
        return app;
    }

    /// <summary>Newest first, <paramref name="limit"/> at a time after the blocked user <paramref name="cursor"/> (the <c>next</c> of the previous page).</summary>
    public static async Task<Results<Ok<BlockPage>, ProblemHttpResult>> ListAsync(string? limit, string? cursor, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (Validation.PageSize(limit, "limit", DefaultPageSize, MaxPageSize, out var size) is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        if (!IdCursor.TryParse(cursor, out var after))
        {
            return DomainProblems.Invalid("cursor", "is not a cursor this API returned");
        }

        var blocked = await List(grains, user).ListAsync();
        var start = after is null ? 0 : blocked.ToList().FindIndex(b => b.UserId == after) + 1;
        var items = blocked.Skip(start).Take(size).ToList();
        var next = start + items.Count < blocked.Count && items.Count > 0 ? items[^1].UserId.ToString("D") : null;
        return TypedResults.Ok(new BlockPage(items, next));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> BlockAsync(BlockRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.UserId is not { } userId)
        {
            return DomainProblems.Invalid("userId", "is required");
        }

        if (userId == user.UserId())
        {
            return DomainProblems.For(new DomainError(ErrorCodes.CannotChatWithSelf, "You cannot block yourself.", "userId"));
        }

        if (await grains.GetGrain<IUserGrain>(userId).GetAsync() is null)
        {
            return DomainProblems.For(ConversationsApi.UserNotFound("userId"));
        }

        return await List(grains, user).BlockAsync(userId)
            ? TypedResults.NoContent()
            : DomainProblems.For(new DomainError(ErrorCodes.BlockListFull, $"You have blocked {IBlockListGrain.Capacity} users, the most a list holds: unblock someone first."));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> UnblockAsync(Guid userId, ClaimsPrincipal user, IGrainFactory grains) =>
        await List(grains, user).UnblockAsync(userId) ? TypedResults.NoContent() : DomainProblems.NotFound("The block");

    private static IBlockListGrain List(IGrainFactory grains, ClaimsPrincipal user) => grains.GetGrain<IBlockListGrain>(user.UserId());
}
