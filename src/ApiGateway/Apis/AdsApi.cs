using System.Security.Claims;
using GrainMarket.Ads;
using GrainMarket.ApiGateway.Apis.Ads;
using GrainMarket.ApiGateway.Auth;
using GrainMarket.ApiGateway.Http;
using GrainMarket.ApiGateway.OpenApi;
using GrainMarket.ApiGateway.ReadModels;
using GrainMarket.Catalog;
using GrainMarket.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Orleans;

namespace GrainMarket.ApiGateway.Apis;

/// <summary>
/// Advertisement escrow (docs/ads.md): a seller posts an opportunity whose budget is held from their wallet; advertisers
/// (buyers) apply; the seller accepts some at agreed amounts; an accepted advertiser submits proof; the seller approves
/// (the agreed amount is paid from the escrow, less the platform fee) or rejects it (one resubmission). The deadline or
/// a cancellation returns the unspent escrow. An opportunity is seen whole by its seller and admins, by an advertiser
/// with their own engagement only, and by anyone else only while it is open.
/// </summary>
public static class AdsApi
{
    public static IEndpointRouteBuilder MapAdsApi(this IEndpointRouteBuilder app)
    {
        var ads = app.MapGroup("/api/ads").WithTags("Ads").RequireAuthorization();
        ads.MapPost("/opportunities", PostAsync).RequireAuthorization(Policies.Seller).WithMetadata(new IdempotentAttribute())
            .WithSummary("Post an advertising opportunity; its budget is held in escrow from your wallet until it is spent or the deadline passes.")
            .ProducesProblems(ErrorCodes.InsufficientFunds, ErrorCodes.CategoryNotFound, ErrorCodes.AdOpportunityNotFound);
        ads.MapGet("/opportunities", ListOpenAsync).WithSummary("List the open advertising opportunities, newest first, optionally in one category.");
        ads.MapGet("/opportunities/{id:guid}", GetAsync).WithSummary("Get an advertising opportunity (its seller sees every engagement, an advertiser their own).")
            .ProducesProblems(ErrorCodes.AdOpportunityNotFound);
        ads.MapPost("/opportunities/{id:guid}/applications", ApplyAsync).RequireAuthorization(Policies.Buyer).WithMetadata(new IdempotentAttribute())
            .WithSummary("Apply to advertise for an opportunity with your pitch and the amount you propose.")
            .ProducesProblems(ErrorCodes.AdOpportunityNotFound, ErrorCodes.InvalidAdTransition, ErrorCodes.AdOwnOpportunity, ErrorCodes.AdApplicationsFull);
        ads.MapPost("/opportunities/{id:guid}/engagements/{engagementId:guid}/accept", AcceptAsync).RequireAuthorization(Policies.Seller)
            .WithSummary("Accept an advertiser's application at the amount you agree to pay them.")
            .ProducesProblems(ErrorCodes.AdOpportunityNotFound, ErrorCodes.AdEngagementNotFound, ErrorCodes.InvalidAdTransition, ErrorCodes.AdBudgetExceeded);
        ads.MapPost("/opportunities/{id:guid}/engagements/{engagementId:guid}/proof", SubmitProofAsync).RequireAuthorization(Policies.Buyer)
            .WithSummary("Submit the proof of your advertisement: an uploaded image or a link, and its figures.")
            .ProducesProblems(ErrorCodes.AdOpportunityNotFound, ErrorCodes.AdEngagementNotFound, ErrorCodes.InvalidAdTransition);
        ads.MapPost("/opportunities/{id:guid}/engagements/{engagementId:guid}/approve", ApproveAsync).RequireAuthorization(Policies.Seller).WithMetadata(new IdempotentAttribute())
            .WithSummary("Approve an advertiser's proof and pay them the agreed amount from the escrow.")
            .ProducesProblems(ErrorCodes.AdOpportunityNotFound, ErrorCodes.AdEngagementNotFound, ErrorCodes.InvalidAdTransition);
        ads.MapPost("/opportunities/{id:guid}/engagements/{engagementId:guid}/reject", RejectAsync).RequireAuthorization(Policies.Seller)
            .WithSummary("Reject an advertiser's proof with a reason; a second rejection ends the engagement.")
            .ProducesProblems(ErrorCodes.AdOpportunityNotFound, ErrorCodes.AdEngagementNotFound, ErrorCodes.InvalidAdTransition);
        ads.MapPost("/opportunities/{id:guid}/cancel", CancelAsync).RequireAuthorization(Policies.Seller)
            .WithSummary("Cancel your opportunity before its deadline; the unspent escrow returns to your wallet.")
            .ProducesProblems(ErrorCodes.AdOpportunityNotFound, ErrorCodes.InvalidAdTransition);
        ads.MapGet("/engagements", ListEngagementsAsync).RequireAuthorization(Policies.Buyer).WithSummary("List your engagements as an advertiser, newest first.");

        var seller = app.MapGroup("/api/seller/ad-opportunities").WithTags("Ads").RequireAuthorization(Policies.Seller);
        seller.MapGet("", ListOwnAsync).WithSummary("List the advertising opportunities you posted, newest first.");
        return app;
    }

    public static async Task<Results<Created<AdOpportunityView>, ProblemHttpResult>> PostAsync(
        PostOpportunityRequest request,
        [FromHeader(Name = IdempotencyMiddleware.Header)] string idempotencyKey,
        ClaimsPrincipal user,
        IGrainFactory grains,
        TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Check(time.GetUtcNow()) is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        if (request.CategoryId is { } categoryId && await grains.GetGrain<ICategoryTreeGrain>(ICategoryTreeGrain.Key).GetAsync(categoryId) is null)
        {
            return DomainProblems.For(new DomainError(ErrorCodes.CategoryNotFound, $"There is no category {categoryId}.", "categoryId"));
        }

        var sellerId = user.UserId();
        var id = AdIds.Opportunity(sellerId, idempotencyKey);
        var posted = await grains.GetGrain<IAdOpportunityGrain>(id).PostAsync(
            new NewAdOpportunity(sellerId, request.Title!.Trim(), request.Brief!.Trim(), request.Budget!.Value, request.Deadline!.Value, request.CategoryId));
        return posted.Value is { } view ? TypedResults.Created($"/api/ads/opportunities/{view.Id}", view) : DomainProblems.For(posted.Error!);
    }

    public static Task<Results<Ok<AdOpportunityPage>, ProblemHttpResult>> ListOpenAsync(
        [FromQuery(Name = "category_id")] Guid? categoryId, int? limit, string? cursor, ReadModelDatabase readModels, TimeProvider time, CancellationToken cancellationToken) =>
        PageAsync(null, categoryId, limit, cursor, readModels, time, cancellationToken);

    public static Task<Results<Ok<AdOpportunityPage>, ProblemHttpResult>> ListOwnAsync(
        int? limit, string? cursor, ClaimsPrincipal user, ReadModelDatabase readModels, TimeProvider time, CancellationToken cancellationToken) =>
        PageAsync(user.UserId(), null, limit, cursor, readModels, time, cancellationToken);

    public static async Task<Results<Ok<AdEngagementPage>, ProblemHttpResult>> ListEngagementsAsync(
        int? limit, string? cursor, ClaimsPrincipal user, ReadModelDatabase readModels, CancellationToken cancellationToken)
    {
        if (Validation.Range(limit, "limit", 1, 100) is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        return PageCursor.TryParse(cursor, out var afterTime, out var afterId)
            ? TypedResults.Ok(await AdQueries.EngagementsAsync(readModels.DataSource, user.UserId(), limit ?? 20, afterTime, afterId, cancellationToken))
            : DomainProblems.Invalid("cursor", "is not a cursor this API returned");
    }

    public static async Task<Results<Ok<AdOpportunityView>, ProblemHttpResult>> GetAsync(Guid id, ClaimsPrincipal user, IGrainFactory grains)
    {
        var found = await grains.GetGrain<IAdOpportunityGrain>(id).GetAsync();
        return found is not null && VisibleTo(found, user) is { } visible ? TypedResults.Ok(visible) : DomainProblems.For(NotFound());
    }

    public static async Task<Results<Ok<AdOpportunityView>, ProblemHttpResult>> ApplyAsync(Guid id, ApplyRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Check() is { } invalid
            ? DomainProblems.For(invalid)
            : Answer(await grains.GetGrain<IAdOpportunityGrain>(id).ApplyAsync(user.UserId(), request.Pitch!.Trim(), request.ProposedAmount!.Value), user);
    }

    public static async Task<Results<Ok<AdOpportunityView>, ProblemHttpResult>> AcceptAsync(Guid id, Guid engagementId, AcceptRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(request);
        return (Validation.Positive(request.AgreedAmount, "agreedAmount") ?? Validation.AtMost(request.AgreedAmount, "agreedAmount", GrainMarket.Wallets.WalletKeys.MaxAmount)) is { } invalid
            ? DomainProblems.For(invalid)
            : Answer(await grains.GetGrain<IAdOpportunityGrain>(id).AcceptAsync(user.UserId(), engagementId, request.AgreedAmount!.Value), user);
    }

    public static async Task<Results<Ok<AdOpportunityView>, ProblemHttpResult>> SubmitProofAsync(
        Guid id, Guid engagementId, ProofRequest request, ClaimsPrincipal user, IGrainFactory grains, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Check() is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        var proof = new AdProof(request.MediaUrl, request.Link, new SortedDictionary<string, long>(request.Stats!, StringComparer.Ordinal), time.GetUtcNow());
        return Answer(await grains.GetGrain<IAdOpportunityGrain>(id).SubmitProofAsync(user.UserId(), engagementId, proof), user);
    }

    public static async Task<Results<Ok<AdOpportunityView>, ProblemHttpResult>> ApproveAsync(Guid id, Guid engagementId, ClaimsPrincipal user, IGrainFactory grains) =>
        Answer(await grains.GetGrain<IAdOpportunityGrain>(id).ApproveAsync(user.UserId(), engagementId), user);

    public static async Task<Results<Ok<AdOpportunityView>, ProblemHttpResult>> RejectAsync(Guid id, Guid engagementId, RejectProofRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Validation.Required(request.Reason, "reason", IAdOpportunityGrain.MaxTextLength) is { } invalid
            ? DomainProblems.For(invalid)
            : Answer(await grains.GetGrain<IAdOpportunityGrain>(id).RejectAsync(user.UserId(), engagementId, request.Reason!.Trim()), user);
    }

    public static async Task<Results<Ok<AdOpportunityView>, ProblemHttpResult>> CancelAsync(Guid id, ClaimsPrincipal user, IGrainFactory grains) =>
        Answer(await grains.GetGrain<IAdOpportunityGrain>(id).CancelAsync(user.UserId()), user);

    private static async Task<Results<Ok<AdOpportunityPage>, ProblemHttpResult>> PageAsync(
        Guid? sellerId, Guid? categoryId, int? limit, string? cursor, ReadModelDatabase readModels, TimeProvider time, CancellationToken cancellationToken)
    {
        if (Validation.Range(limit, "limit", 1, 100) is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        return PageCursor.TryParse(cursor, out var afterTime, out var afterId)
            ? TypedResults.Ok(await AdQueries.OpportunitiesAsync(readModels.DataSource, sellerId, categoryId, limit ?? 20, afterTime, afterId, time.GetUtcNow(), cancellationToken))
            : DomainProblems.Invalid("cursor", "is not a cursor this API returned");
    }

    private static Results<Ok<AdOpportunityView>, ProblemHttpResult> Answer(Result<AdOpportunityView> result, ClaimsPrincipal user) =>
        result.Value is { } view ? TypedResults.Ok(VisibleTo(view, user) ?? view with { Engagements = [] }) : DomainProblems.For(result.Error!);

    /// <summary>The opportunity as <paramref name="user"/> may see it: whole for its seller and admins, with their own engagement for an advertiser, bare while open for anyone else; null: not at all.</summary>
    private static AdOpportunityView? VisibleTo(AdOpportunityView view, ClaimsPrincipal user)
    {
        var userId = user.UserId();
        if (view.SellerId == userId || user.IsAdmin())
        {
            return view;
        }

        var own = view.Engagements.Where(e => e.AdvertiserId == userId).ToList();
        return own.Count > 0 || view.Status == AdOpportunityStatuses.Open ? view with { Engagements = own } : null;
    }

    private static DomainError NotFound() => new(ErrorCodes.AdOpportunityNotFound, "The opportunity was not found.");
}
