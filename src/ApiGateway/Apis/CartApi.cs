using GrainMarket.ApiGateway.Apis.Orders;
using GrainMarket.ApiGateway.Auth;
using GrainMarket.ApiGateway.Http;
using GrainMarket.ApiGateway.OpenApi;
using GrainMarket.Common;
using GrainMarket.Orders;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans;

namespace GrainMarket.ApiGateway.Apis;

/// <summary>The buyer's server-side cart: quantities only; prices and availability always come from the catalog.</summary>
public static class CartApi
{
    public static RouteGroupBuilder MapCartApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/cart").WithTags("Cart").RequireAuthorization(Policies.Buyer);
        api.MapGet("/", GetAsync).WithSummary("Get your cart with current prices.");
        api.MapPut("/items/{productId:guid}", SetQuantityAsync).WithSummary("Put a product in your cart, or change its quantity.").ProducesProblems(ErrorCodes.ProductNotFound, ErrorCodes.ProductUnavailable, ErrorCodes.CannotBuyOwnProduct);
        api.MapDelete("/items/{productId:guid}", RemoveAsync).WithSummary("Remove a product from your cart.");
        api.MapDelete("/", ClearAsync).WithSummary("Empty your cart.");
        return api;
    }

    public static async Task<Ok<CartResponse>> GetAsync(HttpContext http, IGrainFactory grains, MarketplaceSettings settings) =>
        TypedResults.Ok(Response(await Cart(http, grains).GetAsync(), settings));

    public static async Task<Results<Ok<CartResponse>, ProblemHttpResult>> SetQuantityAsync(Guid productId, CartQuantityRequest request, HttpContext http, IGrainFactory grains, MarketplaceSettings settings)
    {
        var invalid = request.Quantity is null ? Common.DomainError.Invalid("quantity", "is required") : Validation.Range(request.Quantity, "quantity", 0, 10_000);
        if (invalid is not null)
        {
            return DomainProblems.For(invalid);
        }

        var result = await Cart(http, grains).SetQuantityAsync(productId, request.Quantity!.Value);
        return result.Value is { } cart ? TypedResults.Ok(Response(cart, settings)) : DomainProblems.For(result.Error!);
    }

    public static async Task<Results<Ok<CartResponse>, ProblemHttpResult>> RemoveAsync(Guid productId, HttpContext http, IGrainFactory grains, MarketplaceSettings settings)
    {
        var result = await Cart(http, grains).SetQuantityAsync(productId, 0);
        return result.Value is { } cart ? TypedResults.Ok(Response(cart, settings)) : DomainProblems.For(result.Error!);
    }

    public static async Task<Ok<CartResponse>> ClearAsync(HttpContext http, IGrainFactory grains, MarketplaceSettings settings) =>
        TypedResults.Ok(Response(await Cart(http, grains).ClearAsync(), settings));

    private static ICartGrain Cart(HttpContext http, IGrainFactory grains) => grains.GetGrain<ICartGrain>(http.User.UserId());

    private static CartResponse Response(CartView cart, MarketplaceSettings settings) => new(cart.Items, cart.Total, settings.Currency);
}
