using System.Security.Claims;
using GrainMarket.ApiGateway.Apis.Auctions;
using GrainMarket.ApiGateway.Auth;
using GrainMarket.ApiGateway.Http;
using GrainMarket.ApiGateway.OpenApi;
using GrainMarket.ApiGateway.ReadModels;
using GrainMarket.Auctions;
using GrainMarket.Catalog;
using GrainMarket.Common;
using GrainMarket.Orders;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Orleans;

namespace GrainMarket.ApiGateway.Apis;

/// <summary>
/// Auctions: listing by sellers and approval by admins, the public list, details and bid history, bids and buy-now by
/// buyers (each with an Idempotency-Key), and an admin's early close. An auction that is pending approval or rejected
/// is visible to its seller and admins only.
/// </summary>
public static class AuctionsApi
{
    private const int MaxTitleLength = 200;
    private const int MaxDescriptionLength = 5000;
    private const int MaxImages = 10;

    /// <summary>The highest price or bid (minor units), as for products: no amount the auction moves can overflow a wallet.</summary>
    private const long MaxPrice = GrainMarket.Wallets.WalletKeys.MaxAmount / 10_000;

    private static readonly TimeSpan MaxDuration = TimeSpan.FromDays(30);

    private static readonly string[] PublicStatuses = [AuctionStatuses.Live, AuctionStatuses.Scheduled, AuctionStatuses.Closed, AuctionStatuses.EndedUnsold];

    public static IEndpointRouteBuilder MapAuctionsApi(this IEndpointRouteBuilder app)
    {
        var auctions = app.MapGroup("/api/auctions").WithTags("Auctions");
        auctions.MapGet("/", ListAsync).WithSummary("Browse auctions by status, category or text.");
        auctions.MapGet("/{id:guid}", GetAsync).WithSummary("Get an auction.").ProducesProblems(ErrorCodes.AuctionNotFound);
        auctions.MapGet("/{id:guid}/bids", BidsAsync).WithSummary("List an auction's bids, highest first.").ProducesProblems(ErrorCodes.AuctionNotFound);
        auctions.MapPost("/", CreateAsync).RequireAuthorization(Policies.Seller).WithMetadata(new IdempotentAttribute()).WithSummary("Create an auction of an item for sale.").ProducesProblems(ErrorCodes.CategoryNotFound);
        auctions.MapPost("/{id:guid}/bids", BidAsync).RequireAuthorization(Policies.Buyer).WithMetadata(new IdempotentAttribute(), new UsageRateLimits.Limit(UsageRateLimits.Bid)).WithSummary("Bid on a live auction, optionally with a maximum for automatic bidding.").ProducesProblems(ErrorCodes.AuctionNotFound, ErrorCodes.AuctionNotLive, ErrorCodes.BidTooLow, ErrorCodes.CannotBidOwnAuction, ErrorCodes.BiddingBlocked, ErrorCodes.InsufficientFunds);
        auctions.MapPost("/{id:guid}/buy-now", BuyNowAsync).RequireAuthorization(Policies.Buyer).WithMetadata(new IdempotentAttribute(), new UsageRateLimits.Limit(UsageRateLimits.Checkout)).WithSummary("Buy the auctioned item now at its buy-now price.").ProducesProblems(ErrorCodes.AuctionNotFound, ErrorCodes.AuctionNotLive, ErrorCodes.BuyNowUnavailable, ErrorCodes.CannotBidOwnAuction, ErrorCodes.BiddingBlocked, ErrorCodes.InsufficientFunds);

        var admin = app.MapGroup("/api/admin/auctions").WithTags("Admin: auctions").RequireAuthorization(Policies.Admin);
        admin.MapGet("/", ListForAdminAsync).WithSummary("List auctions in one status, by default those waiting for approval.");
        admin.MapPost("/{id:guid}/approve", ApproveAsync).WithSummary("Approve a pending auction so it opens at its start time, or at a new start and end.").ProducesProblems(ErrorCodes.AuctionNotFound, ErrorCodes.AuctionNotPending);
        admin.MapPost("/{id:guid}/reject", RejectAsync).WithSummary("Reject a pending auction, with a reason.").ProducesProblems(ErrorCodes.AuctionNotFound, ErrorCodes.AuctionNotPending);
        app.MapGet("/api/admin/payment-violations", ViolationsAsync).WithTags("Admin: auctions").RequireAuthorization(Policies.Admin).WithSummary("List buyers who won auctions and did not pay.");
        admin.MapPost("/{id:guid}/close", (Guid id, ClaimsPrincipal user, IGrainFactory grains, MarketplaceSettings settings) =>
            RespondAsync(grains.GetGrain<IAuctionGrain>(id).CloseAsync(Actor(user)), user, settings)).WithSummary("Close a live auction now.").ProducesProblems(ErrorCodes.AuctionNotFound, ErrorCodes.AuctionNotLive);
        return app;
    }

    public static Task<Results<Ok<AuctionPage>, ProblemHttpResult>> ListAsync(
        string? status, [FromQuery(Name = "category_id")] Guid? categoryId, string? q, int? limit, string? cursor, ReadModelDatabase readModels, MarketplaceSettings settings, CancellationToken cancellationToken) =>
        ListInAsync(PublicStatuses, status ?? AuctionStatuses.Live, categoryId, q, limit, cursor, readModels, settings, cancellationToken);

    /// <summary>Auctions in any one status for admins, soonest end first: <c>pending-approval</c> (the default) is the approval queue, whatever their end.</summary>
    public static Task<Results<Ok<AuctionPage>, ProblemHttpResult>> ListForAdminAsync(
        string? status, string? q, int? limit, string? cursor, ReadModelDatabase readModels, MarketplaceSettings settings, CancellationToken cancellationToken) =>
        ListInAsync(AuctionStatuses.All, status ?? AuctionStatuses.PendingApproval, null, q, limit, cursor, readModels, settings, cancellationToken);

    private static async Task<Results<Ok<AuctionPage>, ProblemHttpResult>> ListInAsync(
        IReadOnlyList<string> statuses, string status, Guid? categoryId, string? q, int? limit, string? cursor, ReadModelDatabase readModels, MarketplaceSettings settings, CancellationToken cancellationToken)
    {
        var invalid = Validation.First(
            statuses.Contains(status) ? null : DomainError.Invalid("status", $"must be one of {string.Join(", ", statuses)}"),
            Validation.Optional(q, "q"),
            Validation.Range(limit, "limit", 1, 100));
        if (invalid is not null)
        {
            return DomainProblems.For(invalid);
        }

        return PageCursor.TryParse(cursor, out var afterTime, out var afterId)
            ? TypedResults.Ok(await AuctionQueries.ListAsync(readModels.DataSource, status, categoryId, string.IsNullOrWhiteSpace(q) ? null : q.Trim(), limit ?? 20, afterTime, afterId, settings.Currency, cancellationToken))
            : DomainProblems.Invalid("cursor", "is not a cursor this API returned");
    }

    public static async Task<Results<Ok<AuctionResponse>, ProblemHttpResult>> GetAsync(Guid id, ClaimsPrincipal user, IGrainFactory grains, MarketplaceSettings settings) =>
        await FindVisibleAsync(grains, id, user) is { } auction
            ? TypedResults.Ok(ForCaller(auction, user, settings))
            : DomainProblems.For(NotFound());

    public static async Task<Results<Ok<BidHistoryPage>, ProblemHttpResult>> BidsAsync(
        Guid id, string? cursor, int? limit, ClaimsPrincipal user, IGrainFactory grains, ReadModelDatabase readModels, MarketplaceSettings settings, CancellationToken cancellationToken)
    {
        if (!PositionCursor.TryParse(cursor, out var before))
        {
            return DomainProblems.Invalid("cursor", "is not a cursor this API returned");
        }

        if (Validation.Range(limit, "limit", 1, 100) is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        if (await FindVisibleAsync(grains, id, user) is null)
        {
            return DomainProblems.For(NotFound());
        }

        return TypedResults.Ok(await AuctionQueries.BidsAsync(readModels.DataSource, id, before, limit ?? 50, user.IsAdmin(), settings.Currency, cancellationToken));
    }

    public static async Task<Results<Created<AuctionResponse>, ProblemHttpResult>> CreateAsync(
        CreateAuctionRequest request, ClaimsPrincipal user, IGrainFactory grains, MarketplaceSettings settings, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = time.GetUtcNow();
        var startsAt = request.StartsAt ?? now;
        var increments = request.Increments?.Select(i => new IncrementBand(i?.From ?? -1, i?.Step ?? 0)).ToList();
        var invalid = Validation.First(
            Validation.Required(request.Title, "title", MaxTitleLength),
            Validation.Optional(request.Description, "description", MaxDescriptionLength),
            request.CategoryId is null ? DomainError.Invalid("categoryId", "is required") : null,
            Validation.Images(request.Images, MaxImages),
            Validation.Positive(request.StartingPrice, "startingPrice") ?? Validation.AtMost(request.StartingPrice, "startingPrice", MaxPrice),
            request.ReservePrice is null ? null : Validation.AtMost(request.ReservePrice, "reservePrice", MaxPrice)
                ?? (request.ReservePrice < request.StartingPrice ? DomainError.Invalid("reservePrice", "must be at least the starting price") : null),
            request.BuyNowPrice is null ? null : Validation.AtMost(request.BuyNowPrice, "buyNowPrice", MaxPrice)
                ?? (request.BuyNowPrice <= request.StartingPrice || request.BuyNowPrice < request.ReservePrice ? DomainError.Invalid("buyNowPrice", "must be above the starting price and at least the reserve") : null),
            increments is null ? null : BidIncrements.Check(increments) is { } rule ? DomainError.Invalid("increments", rule) : null,
            ScheduleRule(request.StartsAt, request.EndsAt, now),
            Validation.Range(request.SoftCloseSeconds, "softCloseSeconds", 0, 3600),
            Validation.Range(request.MaxExtensions, "maxExtensions", 0, 1000),
            request.SettlementMode is null || AuctionSettlementModes.All.Contains(request.SettlementMode) ? null : DomainError.Invalid("settlementMode", $"must be one of {string.Join(", ", AuctionSettlementModes.All)}"),
            request.PaymentDeadlineHours is null || (request.PaymentDeadlineHours >= settings.MinPaymentDeadlineHours && request.PaymentDeadlineHours <= MarketplaceSettings.MaxPaymentDeadlineHours)
                ? null
                : DomainError.Invalid("paymentDeadlineHours", string.Create(System.Globalization.CultureInfo.InvariantCulture, $"must be at least {settings.MinPaymentDeadlineHours} (the platform's minimum, GRAINMARKET_MIN_PAYMENT_DEADLINE_HOURS) and at most {MarketplaceSettings.MaxPaymentDeadlineHours}")));
        if (invalid is not null)
        {
            return DomainProblems.For(invalid);
        }

        if (await grains.GetGrain<ICategoryTreeGrain>(ICategoryTreeGrain.Key).GetAsync(request.CategoryId!.Value) is null)
        {
            return DomainProblems.For(new DomainError(ErrorCodes.CategoryNotFound, $"There is no category {request.CategoryId}.", "categoryId"));
        }

        var id = Guid.CreateVersion7();
        var listing = new NewAuction(
            user.UserId(), request.Title!.Trim(), request.Description ?? "", request.CategoryId!.Value, request.Images ?? [], request.StartingPrice!.Value,
            request.ReservePrice, request.BuyNowPrice, increments, startsAt, request.EndsAt!.Value, request.SoftCloseSeconds ?? 120, request.MaxExtensions,
            request.SettlementMode ?? AuctionSettlementModes.Hold, request.PaymentDeadlineHours ?? Math.Max(48, settings.MinPaymentDeadlineHours));
        var created = await grains.GetGrain<IAuctionGrain>(id).CreateAsync(listing);
        return created.Value is { } auction
            ? TypedResults.Created($"/api/auctions/{id}", ForCaller(auction, user, settings))
            : DomainProblems.For(created.Error!);
    }

    public static async Task<Results<Created<BidResponse>, ProblemHttpResult>> BidAsync(
        Guid id, BidRequest request, HttpContext http, IGrainFactory grains, MarketplaceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(http);
        var placed = await PlaceBidAsync(grains, id, http.User.UserId(), http.Request.Headers[IdempotencyMiddleware.Header].ToString(), request, http.RequestAborted);
        return placed.Value is { } outcome
            ? TypedResults.Created($"/api/auctions/{id}/bids", BidResponse.From(outcome, settings.Currency))
            : DomainProblems.For(placed.Error!);
    }

    /// <summary>
    /// Checks a bid and places it, for REST and the live stream alike. <paramref name="requestKey"/> (the
    /// Idempotency-Key, or a WebSocket message's requestId) names the bid, so a retry returns the first outcome.
    /// </summary>
    internal static async Task<Result<BidOutcome>> PlaceBidAsync(IGrainFactory grains, Guid auctionId, Guid bidderId, string requestKey, BidRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var invalid = Validation.First(
            Validation.Positive(request.Amount, "amount") ?? Validation.AtMost(request.Amount, "amount", MaxPrice),
            request.MaxAmount is null ? null
                : Validation.AtMost(request.MaxAmount, "maxAmount", MaxPrice) ?? (request.MaxAmount < request.Amount ? DomainError.Invalid("maxAmount", "must be at least amount") : null));
        if (invalid is not null)
        {
            return invalid;
        }

        var bid = new PlaceBid(AuctionIds.Bid(bidderId, requestKey), bidderId, request.Amount!.Value, request.MaxAmount);
        return await TransactionRetry.RunAsync(() => grains.GetGrain<IAuctionGrain>(auctionId).PlaceBidAsync(bid), cancellationToken);
    }

    /// <summary>The auction, if it exists and the caller may see it: one that is pending approval or rejected only to its seller and admins.</summary>
    internal static async Task<AuctionView?> FindVisibleAsync(IGrainFactory grains, Guid id, ClaimsPrincipal user) =>
        await grains.GetGrain<IAuctionGrain>(id).GetAsync() is { } auction && IsVisible(auction, user) ? auction : null;

    /// <summary>The auction as the caller may see it (the reserve and the leader's maximum only to those who may).</summary>
    internal static AuctionResponse ForCaller(AuctionView auction, ClaimsPrincipal user, MarketplaceSettings settings) =>
        AuctionResponse.From(auction, Viewer(user), user.IsAdmin(), settings.Currency);

    public static async Task<Results<Created<AuctionResponse>, ProblemHttpResult>> BuyNowAsync(Guid id, ClaimsPrincipal user, IGrainFactory grains, MarketplaceSettings settings, CancellationToken cancellationToken)
    {
        var bought = await TransactionRetry.RunAsync(() => grains.GetGrain<IAuctionGrain>(id).BuyNowAsync(user.UserId()), cancellationToken);
        return bought.Value is { } auction
            ? TypedResults.Created($"/api/auctions/{id}", ForCaller(auction, user, settings))
            : DomainProblems.For(bought.Error!);
    }

    public static async Task<Results<Ok<PaymentViolationPage>, ProblemHttpResult>> ViolationsAsync(
        [FromQuery(Name = "user_id")] Guid? userId, string? cursor, int? limit, ReadModelDatabase readModels, CancellationToken cancellationToken)
    {
        if (!PositionCursor.TryParse(cursor, out var before))
        {
            return DomainProblems.Invalid("cursor", "is not a cursor this API returned");
        }

        return Validation.Range(limit, "limit", 1, 100) is { } invalid
            ? DomainProblems.For(invalid)
            : TypedResults.Ok(await AuctionQueries.ViolationsAsync(readModels.DataSource, userId, before, limit ?? 50, cancellationToken));
    }

    public static async Task<Results<Ok<AuctionResponse>, ProblemHttpResult>> ApproveAsync(
        Guid id, ApproveAuctionRequest? request, ClaimsPrincipal user, IGrainFactory grains, MarketplaceSettings settings, TimeProvider time)
    {
        AuctionSchedule? schedule = null;
        if (request is { StartsAt: not null } or { EndsAt: not null })
        {
            if (ScheduleRule(request.StartsAt, request.EndsAt, time.GetUtcNow()) is { } invalid)
            {
                return DomainProblems.For(invalid);
            }

            schedule = new AuctionSchedule(request.StartsAt, request.EndsAt!.Value);
        }

        return await RespondAsync(grains.GetGrain<IAuctionGrain>(id).ApproveAsync(Actor(user), schedule), user, settings);
    }

    public static async Task<Results<Ok<AuctionResponse>, ProblemHttpResult>> RejectAsync(
        Guid id, RejectAuctionRequest request, ClaimsPrincipal user, IGrainFactory grains, MarketplaceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Validation.Required(request.Reason, "reason", 500) is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        return await RespondAsync(grains.GetGrain<IAuctionGrain>(id).RejectAsync(Actor(user), request.Reason!.Trim()), user, settings);
    }

    /// <summary>Why an auction cannot run from <paramref name="startsAt"/> (null: now) until <paramref name="endsAt"/>, if it cannot.</summary>
    private static DomainError? ScheduleRule(DateTimeOffset? startsAt, DateTimeOffset? endsAt, DateTimeOffset now) =>
        startsAt is { } s && (s < now.AddMinutes(-1) || s > now + MaxDuration) ? DomainError.Invalid("startsAt", "must be between now and 30 days from now")
        : endsAt is not { } e ? DomainError.Invalid("endsAt", "is required")
        : e <= (startsAt ?? now) || e > (startsAt ?? now) + MaxDuration ? DomainError.Invalid("endsAt", "must be after the start and at most 30 days after it")
        : null;

    private static async Task<Results<Ok<AuctionResponse>, ProblemHttpResult>> RespondAsync(Task<Result<AuctionView>> step, ClaimsPrincipal user, MarketplaceSettings settings)
    {
        var result = await step;
        return result.Value is { } auction
            ? TypedResults.Ok(ForCaller(auction, user, settings))
            : DomainProblems.For(result.Error!);
    }

    private static bool IsVisible(AuctionView auction, ClaimsPrincipal user) =>
        auction.Status is not (AuctionStatuses.PendingApproval or AuctionStatuses.Rejected) || user.IsAdmin() || Viewer(user) == auction.SellerId;

    private static Guid? Viewer(ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true ? user.UserId() : null;

    private static Actor Actor(ClaimsPrincipal user) => new(user.UserId(), user.IsAdmin());

    internal static DomainError NotFound() => new(ErrorCodes.AuctionNotFound, "The auction was not found.");
}
