using System.Security.Claims;
using GrainMarket.ApiGateway.Apis.Reviews;
using GrainMarket.ApiGateway.Auth;
using GrainMarket.ApiGateway.Http;
using GrainMarket.ApiGateway.OpenApi;
using GrainMarket.ApiGateway.ReadModels;
using GrainMarket.Common;
using GrainMarket.Reviews;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans;

namespace GrainMarket.ApiGateway.Apis;

/// <summary>
/// Product reviews: the buyer of a delivered or completed order reviews each product of it once (the review's id is
/// derived from the order and the product), edits or deletes it; anyone reads a product's visible reviews, newest or
/// most helpful first; signed-in users vote a review helpful once; admins hide abusive ones. Each change moves the
/// product's average in the same transaction (docs/reviews.md).
/// </summary>
public static class ReviewsApi
{
    public static IEndpointRouteBuilder MapReviewsApi(this IEndpointRouteBuilder app)
    {
        var reviews = app.MapGroup("/api/reviews").WithTags("Reviews");
        reviews.MapPost("/", CreateAsync).RequireAuthorization(Policies.Buyer).WithMetadata(new IdempotentAttribute()).WithSummary("Review a product you bought in a delivered order.").ProducesProblems(ErrorCodes.OrderNotFound, ErrorCodes.PurchaseNotVerified, ErrorCodes.ReviewExists);
        reviews.MapGet("/{id:guid}", GetAsync).WithSummary("Get a review.").ProducesProblems(ErrorCodes.ReviewNotFound);
        reviews.MapPatch("/{id:guid}", UpdateAsync).RequireAuthorization().WithSummary("Change your review's rating or text.").ProducesProblems(ErrorCodes.ReviewNotFound);
        reviews.MapDelete("/{id:guid}", DeleteAsync).RequireAuthorization().WithSummary("Delete your review.").ProducesProblems(ErrorCodes.ReviewNotFound);
        reviews.MapPost("/{id:guid}/helpful", HelpfulAsync).RequireAuthorization().WithSummary("Mark someone's review as helpful.").ProducesProblems(ErrorCodes.ReviewNotFound, ErrorCodes.CannotVoteOwnReview);

        app.MapGroup("/api/products").WithTags("Reviews")
            .MapGet("/{id:guid}/reviews", ListAsync).WithSummary("Read a product's reviews, newest or most helpful first.").ProducesProblems(ErrorCodes.ProductNotFound);

        var admin = app.MapGroup("/api/admin/reviews").WithTags("Admin: reviews").RequireAuthorization(Policies.Admin);
        admin.MapPost("/{id:guid}/hide", HideAsync).WithSummary("Hide an abusive review, with a reason.").ProducesProblems(ErrorCodes.ReviewNotFound);
        admin.MapPost("/{id:guid}/unhide", (Guid id, IGrainFactory grains) => RespondAsync(grains.GetGrain<IReviewGrain>(id).UnhideAsync())).WithSummary("Show a hidden review again.").ProducesProblems(ErrorCodes.ReviewNotFound);
        return app;
    }

    public static async Task<Results<Created<ReviewResponse>, ProblemHttpResult>> CreateAsync(CreateReviewRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Check() is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        var id = ReviewIds.Review(request.OrderId!.Value, request.ProductId!.Value);
        var written = await grains.GetGrain<IReviewGrain>(id).CreateAsync(request.ToCommand(user.UserId()));
        return written.Value is { } review
            ? TypedResults.Created($"/api/reviews/{review.Id}", ReviewResponse.From(review))
            : DomainProblems.For(written.Error!);
    }

    /// <summary>A hidden review is shown to its author and admins only.</summary>
    public static async Task<Results<Ok<ReviewResponse>, ProblemHttpResult>> GetAsync(Guid id, ClaimsPrincipal user, IGrainFactory grains)
    {
        var review = await grains.GetGrain<IReviewGrain>(id).GetAsync();
        var signedIn = user.Identity?.IsAuthenticated == true;
        return review is not null && (!review.Hidden || (signedIn && (user.IsAdmin() || user.UserId() == review.AuthorId)))
            ? TypedResults.Ok(ReviewResponse.From(review))
            : DomainProblems.For(NotFound(id));
    }

    public static async Task<Results<Ok<ReviewResponse>, ProblemHttpResult>> UpdateAsync(Guid id, UpdateReviewRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Check() is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        return await RespondAsync(grains.GetGrain<IReviewGrain>(id).EditAsync(user.UserId(), request.ToEdit()));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, ClaimsPrincipal user, IGrainFactory grains)
    {
        var deleted = await grains.GetGrain<IReviewGrain>(id).DeleteAsync(user.UserId());
        return deleted.Succeeded ? TypedResults.NoContent() : DomainProblems.For(deleted.Error!);
    }

    public static Task<Results<Ok<ReviewResponse>, ProblemHttpResult>> HelpfulAsync(Guid id, ClaimsPrincipal user, IGrainFactory grains) =>
        RespondAsync(grains.GetGrain<IReviewGrain>(id).VoteHelpfulAsync(user.UserId()));

    /// <summary><paramref name="limit"/> is text so that a malformed one is a 400 naming it; <paramref name="cursor"/> is the <c>next</c> of the previous page.</summary>
    public static async Task<Results<Ok<ReviewPage>, ProblemHttpResult>> ListAsync(
        Guid id, string? sort, string? limit, string? cursor, ReadModelDatabase readModels, CancellationToken cancellationToken)
    {
        var invalid = Validation.First(
            sort is null or "newest" or "helpful" ? null : DomainError.Invalid("sort", "must be one of newest, helpful"),
            ReviewQueries.CheckPage(limit, cursor, out var size, out var after));
        if (invalid is not null)
        {
            return DomainProblems.For(invalid);
        }

        var page = await ReviewQueries.ProductReviewsAsync(readModels.DataSource, id, sort == "helpful", size, after, cancellationToken);
        return page is not null
            ? TypedResults.Ok(page)
            : DomainProblems.For(new DomainError(ErrorCodes.ProductNotFound, $"There is no product {id}."));
    }

    public static async Task<Results<Ok<ReviewResponse>, ProblemHttpResult>> HideAsync(Guid id, HideReviewRequest request, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Validation.Required(request.Reason, "reason", 1000) is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        return await RespondAsync(grains.GetGrain<IReviewGrain>(id).HideAsync(request.Reason!.Trim()));
    }

    private static async Task<Results<Ok<ReviewResponse>, ProblemHttpResult>> RespondAsync(Task<Result<ReviewView>> step)
    {
        var result = await step;
        return result.Value is { } review ? TypedResults.Ok(ReviewResponse.From(review)) : DomainProblems.For(result.Error!);
    }

    private static DomainError NotFound(Guid id) => new(ErrorCodes.ReviewNotFound, $"There is no review {id}.");
}
