using GrainMarket.ApiGateway.Apis.Promoters;
using GrainMarket.ApiGateway.Auth;
using GrainMarket.ApiGateway.Http;
using GrainMarket.ApiGateway.OpenApi;
using GrainMarket.Catalog;
using GrainMarket.Common;
using GrainMarket.Promoters;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans;

namespace GrainMarket.ApiGateway.Apis;

/// <summary>
/// Admins' commission rules (docs/promoters.md): by category (covering its sub-categories) or by product, the most
/// specific winning; a percentage in basis points of each referred line's paid amount, optionally capped per line, paid
/// by the platform or by the seller.
/// </summary>
public static class CommissionRulesApi
{
    /// <summary>The highest rate a rule may give (50%): a seller-funded commission then always fits in the seller's share.</summary>
    private const int MaxRateBps = 5_000;

    public static IEndpointRouteBuilder MapCommissionRulesApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin/commission-rules").WithTags("Admin: promoters").RequireAuthorization(Policies.Admin);
        admin.MapGet("/", ListAsync).WithSummary("List the commission rules promoters earn by.");
        admin.MapPost("/", CreateAsync).WithMetadata(new IdempotentAttribute()).WithSummary("Add a commission rule for a category or a product.").ProducesProblems(ErrorCodes.CommissionRuleExists, ErrorCodes.CategoryNotFound, ErrorCodes.ProductNotFound);
        admin.MapPut("/{id:guid}", ReplaceAsync).WithSummary("Change a commission rule; orders placed before keep the terms they were placed with.").ProducesProblems(ErrorCodes.CommissionRuleNotFound, ErrorCodes.CommissionRuleExists, ErrorCodes.CategoryNotFound, ErrorCodes.ProductNotFound);
        admin.MapDelete("/{id:guid}", DeleteAsync).WithSummary("Remove a commission rule.").ProducesProblems(ErrorCodes.CommissionRuleNotFound);
        return app;
    }

    public static async Task<Ok<IReadOnlyList<CommissionRule>>> ListAsync(IGrainFactory grains) =>
        TypedResults.Ok(await Rules(grains).ListAsync());

    public static Task<Results<Ok<CommissionRule>, Created<CommissionRule>, ProblemHttpResult>> CreateAsync(CommissionRuleRequest request, IGrainFactory grains) =>
        PutAsync(Guid.NewGuid(), request, grains, created: true);

    public static async Task<Results<Ok<CommissionRule>, Created<CommissionRule>, ProblemHttpResult>> ReplaceAsync(Guid id, CommissionRuleRequest request, IGrainFactory grains)
    {
        if ((await Rules(grains).ListAsync()).All(r => r.Id != id))
        {
            return DomainProblems.For(NotFound(id));
        }

        return await PutAsync(id, request, grains, created: false);
    }

    public static async Task<Results<Ok<CommissionRule>, ProblemHttpResult>> DeleteAsync(Guid id, IGrainFactory grains)
    {
        var deleted = await Rules(grains).DeleteAsync(id);
        return deleted.Value is { } rule ? TypedResults.Ok(rule) : DomainProblems.For(deleted.Error!);
    }

    private static async Task<Results<Ok<CommissionRule>, Created<CommissionRule>, ProblemHttpResult>> PutAsync(Guid id, CommissionRuleRequest request, IGrainFactory grains, bool created)
    {
        ArgumentNullException.ThrowIfNull(request);
        var invalid = Validation.First(
            TargetRule(request.CategoryId, request.ProductId),
            request.RateBps is null ? DomainError.Invalid("rateBps", "is required") : Validation.Range(request.RateBps, "rateBps", 0, MaxRateBps),
            Validation.Range(request.PaidRateBps, "paidRateBps", 0, MaxRateBps),
            request.CapPerLine is null ? null : Validation.Positive(request.CapPerLine, "capPerLine") ?? Validation.AtMost(request.CapPerLine, "capPerLine", GrainMarket.Wallets.WalletKeys.MaxAmount),
            request.FundedBy is null || CommissionFunding.IsKnown(request.FundedBy) ? null : DomainError.Invalid("fundedBy", "must be platform or seller"));
        if (invalid is not null)
        {
            return DomainProblems.For(invalid);
        }

        if (request.CategoryId is { } categoryId && await grains.GetGrain<ICategoryTreeGrain>(ICategoryTreeGrain.Key).GetAsync(categoryId) is null)
        {
            return DomainProblems.For(new DomainError(ErrorCodes.CategoryNotFound, $"There is no category {categoryId}.", "categoryId"));
        }

        if (request.ProductId is { } productId && await grains.GetGrain<IProductGrain>(productId).GetAsync() is null)
        {
            return DomainProblems.For(new DomainError(ErrorCodes.ProductNotFound, $"There is no product {productId}.", "productId"));
        }

        var rule = new CommissionRule(id, request.CategoryId, request.ProductId, request.RateBps!.Value, request.PaidRateBps, request.CapPerLine, request.FundedBy ?? CommissionFunding.Platform);
        var put = await Rules(grains).PutAsync(rule);
        if (put.Value is not { } saved)
        {
            return DomainProblems.For(put.Error!);
        }

        return created ? TypedResults.Created($"/api/admin/commission-rules/{saved.Id}", saved) : TypedResults.Ok(saved);
    }

    /// <summary>Exactly one of a category and a product, neither empty.</summary>
    private static DomainError? TargetRule(Guid? categoryId, Guid? productId) => (categoryId, productId) switch
    {
        (null, null) => DomainError.Invalid("categoryId", "is required: give categoryId or productId"),
        (not null, not null) => DomainError.Invalid("productId", "give either categoryId or productId, not both"),
        _ when categoryId == Guid.Empty => DomainError.Invalid("categoryId", "must not be empty"),
        _ when productId == Guid.Empty => DomainError.Invalid("productId", "must not be empty"),
        _ => null,
    };

    private static DomainError NotFound(Guid id) => new(ErrorCodes.CommissionRuleNotFound, $"There is no commission rule {id}.");

    private static ICommissionRulesGrain Rules(IGrainFactory grains) => grains.GetGrain<ICommissionRulesGrain>(ICommissionRulesGrain.Key);
}
