using System.Security.Claims;
using GrainMarket.ApiGateway.Apis.Brands;
using GrainMarket.ApiGateway.Auth;
using GrainMarket.ApiGateway.Http;
using GrainMarket.ApiGateway.OpenApi;
using GrainMarket.ApiGateway.ReadModels;
using GrainMarket.Brands;
using GrainMarket.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans;

namespace GrainMarket.ApiGateway.Apis;

/// <summary>
/// Brands: a seller whose rank unlocks brands proposes one (Idempotency-Key as returns: a retry returns the same brand);
/// admins approve or reject it; approved brands are listed to everyone and may be put on their seller's products. A
/// brand that is not approved is seen only by its seller and admins.
/// </summary>
public static class BrandsApi
{
    private const int MaxNameLength = 80;
    private const int MaxDescriptionLength = 1000;
    private const int MaxReasonLength = 500;

    public static IEndpointRouteBuilder MapBrandsApi(this IEndpointRouteBuilder app)
    {
        var brands = app.MapGroup("/api/brands").WithTags("Brands");
        brands.MapGet("/", ListAsync).WithSummary("List approved brands, newest first, optionally those whose name starts with some text.");
        brands.MapGet("/{id:guid}", GetAsync).WithSummary("Get a brand.").ProducesProblems(ErrorCodes.BrandNotFound);
        brands.MapPost("/", CreateAsync).RequireAuthorization(Policies.Seller).WithMetadata(new IdempotentAttribute())
            .WithSummary("Propose a brand for your products (your rank must allow it; an admin approves it).").ProducesProblems(ErrorCodes.RankTooLow, ErrorCodes.BrandNameTaken);

        app.MapGet("/api/seller/brands", MineAsync).WithTags("Brands").RequireAuthorization(Policies.Seller).WithSummary("List your brands in any status, newest first.");

        var admin = app.MapGroup("/api/admin/brands").WithTags("Admin: brands").RequireAuthorization(Policies.Admin);
        admin.MapGet("/", QueueAsync).WithSummary("List brands in one status, by default those waiting for approval.");
        admin.MapPost("/{id:guid}/approve", ApproveAsync).WithSummary("Approve a brand waiting for approval.").ProducesProblems(ErrorCodes.BrandNotFound, ErrorCodes.BrandNotPending);
        admin.MapPost("/{id:guid}/reject", RejectAsync).WithSummary("Reject a brand waiting for approval, with a reason.").ProducesProblems(ErrorCodes.BrandNotFound, ErrorCodes.BrandNotPending);
        return app;
    }

    public static async Task<Results<Created<BrandView>, ProblemHttpResult>> CreateAsync(CreateBrandRequest request, HttpContext http, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(grains);
        var invalid = Validation.First(
            Validation.Required(request.Name, "name", MaxNameLength),
            Validation.Optional(request.Description, "description", MaxDescriptionLength),
            Validation.Url(request.LogoUrl, "logoUrl"));
        if (invalid is not null)
        {
            return DomainProblems.For(invalid);
        }

        var sellerId = http.User.UserId();
        var id = BrandIds.FromIdempotencyKey(sellerId, http.Request.Headers[IdempotencyMiddleware.Header].ToString());
        var created = await grains.GetGrain<IBrandGrain>(id).CreateAsync(new NewBrand(sellerId, BrandNames.Tidy(request.Name!), request.Description?.Trim(), request.LogoUrl));
        return created.Value is { } brand ? TypedResults.Created($"/api/brands/{brand.Id}", brand) : DomainProblems.For(created.Error!);
    }

    /// <summary>An approved brand for everyone; one in another status for its seller and admins only (not found for anyone else).</summary>
    public static async Task<Results<Ok<BrandView>, ProblemHttpResult>> GetAsync(Guid id, ClaimsPrincipal user, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var brand = await grains.GetGrain<IBrandGrain>(id).GetAsync();
        var visible = brand is not null
            && (brand.Status == BrandStatuses.Approved || (user.Identity?.IsAuthenticated == true && (user.IsAdmin() || user.UserId() == brand.SellerId)));
        return visible ? TypedResults.Ok(brand!) : DomainProblems.For(new DomainError(ErrorCodes.BrandNotFound, $"There is no brand {id}."));
    }

    public static Task<Results<Ok<BrandPage>, ProblemHttpResult>> ListAsync(
        string? q, int? limit, string? cursor, ReadModelDatabase readModels, CancellationToken cancellationToken) =>
        PageAsync(readModels, null, BrandStatuses.Approved, q, limit, cursor, cancellationToken);

    public static Task<Results<Ok<BrandPage>, ProblemHttpResult>> MineAsync(
        string? status, int? limit, string? cursor, ClaimsPrincipal user, ReadModelDatabase readModels, CancellationToken cancellationToken) =>
        PageAsync(readModels, user.UserId(), status, null, limit, cursor, cancellationToken);

    /// <summary>Brands in one status for admins: <c>pending</c> (the default) is the approval queue.</summary>
    public static Task<Results<Ok<BrandPage>, ProblemHttpResult>> QueueAsync(
        string? status, int? limit, string? cursor, ReadModelDatabase readModels, CancellationToken cancellationToken) =>
        PageAsync(readModels, null, status ?? BrandStatuses.Pending, null, limit, cursor, cancellationToken);

    public static async Task<Results<Ok<BrandView>, ProblemHttpResult>> ApproveAsync(Guid id, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var approved = await grains.GetGrain<IBrandGrain>(id).ApproveAsync();
        return approved.Value is { } brand ? TypedResults.Ok(brand) : DomainProblems.For(approved.Error!);
    }

    public static async Task<Results<Ok<BrandView>, ProblemHttpResult>> RejectAsync(Guid id, RejectBrandRequest request, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(grains);
        if (Validation.Required(request.Reason, "reason", MaxReasonLength) is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        var rejected = await grains.GetGrain<IBrandGrain>(id).RejectAsync(request.Reason!.Trim());
        return rejected.Value is { } brand ? TypedResults.Ok(brand) : DomainProblems.For(rejected.Error!);
    }

    private static async Task<Results<Ok<BrandPage>, ProblemHttpResult>> PageAsync(
        ReadModelDatabase readModels, Guid? sellerId, string? status, string? prefix, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(readModels);
        var invalid = Validation.First(
            Validation.Range(limit, "limit", 1, 100),
            Validation.Optional(prefix, "q", MaxNameLength),
            status is null || BrandStatuses.All.Contains(status) ? null : DomainError.Invalid("status", $"must be one of {string.Join(", ", BrandStatuses.All)}"));
        if (invalid is not null)
        {
            return DomainProblems.For(invalid);
        }

        return PageCursor.TryParse(cursor, out var afterTime, out var afterId)
            ? TypedResults.Ok(await BrandQueries.ListAsync(readModels.DataSource, sellerId, status, string.IsNullOrWhiteSpace(prefix) ? null : prefix, limit ?? 20, afterTime, afterId, cancellationToken))
            : DomainProblems.Invalid("cursor", "is not a cursor this API returned");
    }
}
