using System.Security.Claims;
using GrainMarket.ApiGateway.Apis.Pricing;
using GrainMarket.ApiGateway.Auth;
using GrainMarket.ApiGateway.Http;
using GrainMarket.ApiGateway.OpenApi;
using GrainMarket.ApiGateway.ReadModels;
using GrainMarket.Common;
using GrainMarket.Promotions;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans;

namespace GrainMarket.ApiGateway.Apis;

/// <summary>
/// Coupons: admins create platform-funded ones (any seller's products), sellers their own (their products only); both
/// list, deactivate and extend theirs; a signed-in buyer looks a code up before checking out with it (docs/pricing.md).
/// </summary>
public static class CouponsApi
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 200;
    private const int MaxLimit = 1_000_000;

    public static IEndpointRouteBuilder MapCouponsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/coupons").WithTags("Coupons").RequireAuthorization()
            .MapGet("/{code}", GetAsync).WithSummary("Look up a coupon by its code before checking out with it.").ProducesProblems(ErrorCodes.Validation, ErrorCodes.CouponNotFound);

        var admin = app.MapGroup("/api/admin/coupons").WithTags("Admin: coupons").RequireAuthorization(Policies.Admin);
        admin.MapPost("/", CreatePlatformAsync).WithMetadata(new IdempotentAttribute()).WithSummary("Create a coupon the platform pays for, good on any seller's products.").ProducesProblems(ErrorCodes.CouponCodeTaken);
        admin.MapGet("/", ListPlatformAsync).WithSummary("List the platform's coupons by code.");
        admin.MapPatch("/{code}", UpdateAsync).WithSummary("Deactivate, reactivate or extend any coupon.").ProducesProblems(ErrorCodes.CouponNotFound);

        var seller = app.MapGroup("/api/seller/coupons").WithTags("Coupons").RequireAuthorization(Policies.Seller);
        seller.MapPost("/", CreateSellerAsync).WithMetadata(new IdempotentAttribute()).WithSummary("Create a coupon you pay for, good on your own products.").ProducesProblems(ErrorCodes.CouponCodeTaken);
        seller.MapGet("/", ListSellerAsync).WithSummary("List your coupons by code.");
        seller.MapPatch("/{code}", UpdateAsync).WithSummary("Deactivate, reactivate or extend one of your coupons.").ProducesProblems(ErrorCodes.CouponNotFound);
        return app;
    }

    public static async Task<Results<Ok<CouponResponse>, ProblemHttpResult>> GetAsync(string code, IGrainFactory grains)
    {
        if (!CouponCodes.IsValid(code))
        {
            return DomainProblems.Invalid("code", "must be 3 to 32 letters, digits, '-' or '_'");
        }

        return await Coupon(grains, code).GetAsync() is { } coupon
            ? TypedResults.Ok(CouponResponse.From(coupon))
            : DomainProblems.For(new DomainError(ErrorCodes.CouponNotFound, $"There is no coupon {CouponCodes.Normalize(code)}."));
    }

    public static Task<Results<Created<CouponResponse>, ProblemHttpResult>> CreatePlatformAsync(CreateCouponRequest request, IGrainFactory grains) =>
        CreateAsync(request, grains, CouponFunding.Platform, null, "/api/admin/coupons");

    public static Task<Results<Created<CouponResponse>, ProblemHttpResult>> CreateSellerAsync(CreateCouponRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
        CreateAsync(request, grains, CouponFunding.Seller, user.UserId(), "/api/seller/coupons");

    public static Task<Results<Ok<CouponPage>, ProblemHttpResult>> ListPlatformAsync(string? limit, string? cursor, ReadModelDatabase readModels, CancellationToken cancellationToken) =>
        ListAsync(limit, cursor, readModels, CouponFunding.Platform, null, cancellationToken);

    public static Task<Results<Ok<CouponPage>, ProblemHttpResult>> ListSellerAsync(string? limit, string? cursor, ClaimsPrincipal user, ReadModelDatabase readModels, CancellationToken cancellationToken) =>
        ListAsync(limit, cursor, readModels, CouponFunding.Seller, user.UserId(), cancellationToken);

    /// <summary>An admin changes any coupon; a seller only their own (anyone else's is not found).</summary>
    public static async Task<Results<Ok<CouponResponse>, ProblemHttpResult>> UpdateAsync(string code, UpdateCouponRequest request, HttpContext http, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(http);
        var invalid = Validation.First(
            CouponCodes.IsValid(code) ? null : DomainError.Invalid("code", "must be 3 to 32 letters, digits, '-' or '_'"),
            Validation.Range(request.TotalLimit, "totalLimit", 1, MaxLimit));
        if (invalid is not null)
        {
            return DomainProblems.For(invalid);
        }

        var asAdmin = http.Request.Path.StartsWithSegments("/api/admin", StringComparison.Ordinal);
        var changed = await Coupon(grains, code).ChangeAsync(new CouponChange(http.User.UserId(), asAdmin, request.Active, request.EndsAt, request.TotalLimit));
        return changed.Value is { } coupon ? TypedResults.Ok(CouponResponse.From(coupon)) : DomainProblems.For(changed.Error!);
    }

    private static async Task<Results<Created<CouponResponse>, ProblemHttpResult>> CreateAsync(CreateCouponRequest request, IGrainFactory grains, string fundedBy, Guid? sellerId, string location)
    {
        ArgumentNullException.ThrowIfNull(request);
        var invalid = Validation.First(
            CouponCodes.IsValid(request.Code) ? null : DomainError.Invalid("code", "is required: 3 to 32 letters, digits, '-' or '_'"),
            PriceCutRules.Check(request.PercentOff, request.AmountOff),
            request.MaxDiscount is not null && request.PercentOff is null ? DomainError.Invalid("maxDiscount", "caps a percentOff coupon only") : null,
            request.MaxDiscount is null ? null : Validation.Positive(request.MaxDiscount, "maxDiscount") ?? Validation.AtMost(request.MaxDiscount, "maxDiscount", PriceCutRules.MaxAmount),
            request.MinOrder is null ? null : Validation.NotNegative(request.MinOrder, "minOrder") ?? Validation.AtMost(request.MinOrder, "minOrder", PriceCutRules.MaxAmount),
            PriceCutRules.Window(request.StartsAt, request.EndsAt),
            Validation.Range(request.TotalLimit, "totalLimit", 1, MaxLimit),
            Validation.Range(request.PerUserLimit, "perUserLimit", 1, MaxLimit));
        if (invalid is not null)
        {
            return DomainProblems.For(invalid);
        }

        var terms = new CouponTerms(PriceCutRules.Of(request.PercentOff, request.AmountOff)!, request.MaxDiscount, request.MinOrder ?? 0, request.StartsAt, request.EndsAt, request.TotalLimit, request.PerUserLimit, fundedBy, sellerId);
        var created = await Coupon(grains, request.Code!).CreateAsync(terms);
        return created.Value is { } coupon
            ? TypedResults.Created($"{location}/{coupon.Code}", CouponResponse.From(coupon))
            : DomainProblems.For(created.Error!);
    }

    private static async Task<Results<Ok<CouponPage>, ProblemHttpResult>> ListAsync(string? limit, string? cursor, ReadModelDatabase readModels, string fundedBy, Guid? sellerId, CancellationToken cancellationToken)
    {
        var invalid = Validation.First(
            Validation.PageSize(limit, "limit", DefaultPageSize, MaxPageSize, out var size),
            cursor is null || CouponCodes.IsValid(cursor) ? null : DomainError.Invalid("cursor", "is not a cursor this API returned"));
        return invalid is not null
            ? DomainProblems.For(invalid)
            : TypedResults.Ok(await CouponQueries.ListAsync(readModels.DataSource, fundedBy, sellerId, cursor is null ? null : CouponCodes.Normalize(cursor), size, cancellationToken));
    }

    private static ICouponGrain Coupon(IGrainFactory grains, string code) => grains.GetGrain<ICouponGrain>(CouponCodes.Normalize(code));
}
