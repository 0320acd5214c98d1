using System.Security.Claims;
using GrainMarket.ApiGateway.Apis.Reviews;
using GrainMarket.ApiGateway.Auth;
using GrainMarket.ApiGateway.Http;
using GrainMarket.ApiGateway.OpenApi;
using GrainMarket.ApiGateway.ReadModels;
using GrainMarket.Common;
using GrainMarket.Orders;
using GrainMarket.Reviews;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans;

namespace GrainMarket.ApiGateway.Apis;

/// <summary>
/// Feedback: the buyer of a delivered or completed order rates each of its sellers once (1–5 and a text), and anyone
/// reads a seller's score and feedback; any signed-in user tells the platform what they think, which admins read.
/// </summary>
public static class FeedbackApi
{
    public static IEndpointRouteBuilder MapFeedbackApi(this IEndpointRouteBuilder app)
    {
        var feedback = app.MapGroup("/api").WithTags("Feedback");
        feedback.MapPost("/orders/{id:guid}/feedback", RateSellerAsync).RequireAuthorization(Policies.Buyer).WithMetadata(new IdempotentAttribute()).WithSummary("Rate the seller of an order you received.").ProducesProblems(ErrorCodes.OrderNotFound, ErrorCodes.PurchaseNotVerified, ErrorCodes.FeedbackExists);
        feedback.MapGet("/sellers/{id:guid}/feedback", SellerFeedbackAsync).WithSummary("Read a seller's score and what buyers said.");
        feedback.MapPost("/feedback", SendAsync).RequireAuthorization().WithMetadata(new IdempotentAttribute()).WithSummary("Tell us what you think of GrainMarket.");

        var admin = app.MapGroup("/api/admin/feedback").WithTags("Admin: feedback").RequireAuthorization(Policies.Admin);
        admin.MapGet("/", ListAsync).WithSummary("Read what users think of GrainMarket, newest first.");
        return app;
    }

    /// <summary>The seller is the order's only one when the request leaves it out; an order with several sellers needs it named.</summary>
    public static async Task<Results<Created<SellerFeedbackResponse>, ProblemHttpResult>> RateSellerAsync(Guid id, SellerFeedbackRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Check() is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        var buyerId = user.UserId();
        var sellerId = request.SellerId;
        if (sellerId is null)
        {
            var order = await grains.GetGrain<IOrderGrain>(id).GetAsync();
            if (order is null || order.BuyerId != buyerId)
            {
                return DomainProblems.For(new DomainError(ErrorCodes.OrderNotFound, $"You have no order {id}.", "orderId"));
            }

            var sellers = order.SellerIds.ToList();
            if (sellers.Count != 1)
            {
                return DomainProblems.Invalid("sellerId", "is required when the order has several sellers");
            }

            sellerId = sellers[0];
        }

        var written = await grains.GetGrain<ISellerFeedbackGrain>(ReviewIds.SellerFeedback(id, sellerId.Value))
            .SubmitAsync(new NewSellerFeedback(id, sellerId.Value, buyerId, request.Rating!.Value, request.Text!.Trim()));
        return written.Value is { } f
            ? TypedResults.Created($"/api/sellers/{f.SellerId}/feedback", new SellerFeedbackResponse(f.Id, f.OrderId, f.SellerId, f.Rating, f.Text, f.CreatedAt))
            : DomainProblems.For(written.Error!);
    }

    /// <summary><paramref name="limit"/> is text so that a malformed one is a 400 naming it; <paramref name="cursor"/> is the <c>next</c> of the previous page.</summary>
    public static async Task<Results<Ok<SellerFeedbackPage>, ProblemHttpResult>> SellerFeedbackAsync(
        Guid id, string? limit, string? cursor, ReadModelDatabase readModels, CancellationToken cancellationToken)
    {
        if (ReviewQueries.CheckPage(limit, cursor, out var size, out var after) is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        return TypedResults.Ok(await ReviewQueries.SellerFeedbackAsync(readModels.DataSource, id, size, after, cancellationToken));
    }

    public static async Task<Results<Created<PlatformFeedbackView>, ProblemHttpResult>> SendAsync(PlatformFeedbackRequest request, HttpContext http, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(http);
        if (request.Check() is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        var userId = http.User.UserId();
        var id = ReviewIds.PlatformFeedback(userId, http.Request.Headers[IdempotencyMiddleware.Header].ToString());
        var sent = await grains.GetGrain<IPlatformFeedbackGrain>(id).SendAsync(userId, request.Rating!.Value, request.Text!.Trim());
        return TypedResults.Created($"/api/admin/feedback", sent);
    }

    /// <summary><paramref name="limit"/> is text so that a malformed one is a 400 naming it; <paramref name="cursor"/> is the <c>next</c> of the previous page.</summary>
    public static async Task<Results<Ok<PlatformFeedbackPage>, ProblemHttpResult>> ListAsync(string? limit, string? cursor, ReadModelDatabase readModels, CancellationToken cancellationToken)
    {
        if (ReviewQueries.CheckPage(limit, cursor, out var size, out var after) is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        return TypedResults.Ok(await ReviewQueries.PlatformFeedbackAsync(readModels.DataSource, size, after, cancellationToken));
    }
}
