using System.Security.Claims;
using GrainMarket.ApiGateway.Apis.Pricing;
using GrainMarket.ApiGateway.Auth;
using GrainMarket.ApiGateway.Http;
using GrainMarket.ApiGateway.OpenApi;
using GrainMarket.Catalog;
using GrainMarket.Common;
using GrainMarket.Promotions;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans;

namespace GrainMarket.ApiGateway.Apis;

/// <summary>
/// A seller's standalone discount on one of their products: a percentage or an amount, optionally from/until. A checkout
/// charges the best of it and the running sale events covering the product, never both (docs/pricing.md).
/// </summary>
public static class DiscountsApi
{
    public static IEndpointRouteBuilder MapDiscountsApi(this IEndpointRouteBuilder app)
    {
        var seller = app.MapGroup("/api/seller/products").WithTags("Discounts").RequireAuthorization(Policies.Seller);
        seller.MapPut("/{id:guid}/discount", SetAsync).WithSummary("Put a discount on one of your products.").ProducesProblems(ErrorCodes.ProductNotFound);
        seller.MapDelete("/{id:guid}/discount", RemoveAsync).WithSummary("Remove the discount from one of your products.").ProducesProblems(ErrorCodes.ProductNotFound);
        return app;
    }

    public static async Task<Results<Ok<DiscountResponse>, ProblemHttpResult>> SetAsync(Guid id, DiscountRequest request, ClaimsPrincipal user, IGrainFactory grains, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(request);
        var invalid = Validation.First(
            PriceCutRules.Check(request.PercentOff, request.AmountOff),
            PriceCutRules.Window(request.StartsAt, request.EndsAt));
        if (invalid is not null)
        {
            return DomainProblems.For(invalid);
        }

        var discount = new ProductDiscount(PriceCutRules.Of(request.PercentOff, request.AmountOff)!, request.StartsAt, request.EndsAt);
        return await RespondAsync(await Product(grains, id).SetDiscountAsync(Requester(user), discount), grains, time);
    }

    public static async Task<Results<Ok<DiscountResponse>, ProblemHttpResult>> RemoveAsync(Guid id, ClaimsPrincipal user, IGrainFactory grains, TimeProvider time) =>
        await RespondAsync(await Product(grains, id).SetDiscountAsync(Requester(user), null), grains, time);

    /// <summary>The product's prices now, as a checkout would charge them; for a product page as for this API.</summary>
    internal static async Task<long> DiscountedPriceAsync(ProductInfo product, IGrainFactory grains, TimeProvider time)
    {
        var now = time.GetUtcNow();
        return UnitPrices.Of(product, await grains.GetGrain<ISaleEventsGrain>(ISaleEventsGrain.Key).ListAsync(now), now);
    }

    private static async Task<Results<Ok<DiscountResponse>, ProblemHttpResult>> RespondAsync(Result<ProductInfo> result, IGrainFactory grains, TimeProvider time) =>
        result.Value is { } product
            ? TypedResults.Ok(new DiscountResponse(product.Id, product.Price, await DiscountedPriceAsync(product, grains, time), product.Discount))
            : DomainProblems.For(result.Error!);

    private static Requester Requester(ClaimsPrincipal user) => new(user.UserId(), IsAdmin: false);

    private static IProductGrain Product(IGrainFactory grains, Guid id) => grains.GetGrain<IProductGrain>(id);
}
