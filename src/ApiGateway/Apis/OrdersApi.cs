using System.Security.Claims;
using GrainMarket.ApiGateway.Apis.Delivery;
using GrainMarket.ApiGateway.Apis.Orders;
using GrainMarket.ApiGateway.Auth;
using GrainMarket.ApiGateway.Http;
using GrainMarket.ApiGateway.OpenApi;
using GrainMarket.ApiGateway.ReadModels;
using GrainMarket.Common;
using GrainMarket.Orders;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Orleans;

namespace GrainMarket.ApiGateway.Apis;

/// <summary>
/// Orders: the buyer's list, one order for its parties (buyer, sellers, courier) and admins (404 for anyone else), the
/// sellers' list, the steps of an order's life (accept and ship by a seller for their own lines, deliver by an admin only, complete by
/// the buyer, cancel by either before anything shipped; admins may do all), and the admins' inventory summary.
/// </summary>
public static class OrdersApi
{
    public static IEndpointRouteBuilder MapOrdersApi(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/api/orders").WithTags("Orders").RequireAuthorization();
        orders.MapGet("/", ListMineAsync).WithSummary("List your orders, newest first.");
        orders.MapGet("/{id:guid}", GetAsync).WithSummary("Get an order.").ProducesProblems(ErrorCodes.OrderNotFound);
        orders.MapPut("/{id:guid}/shipping-address", SetAddressAsync).RequireAuthorization(Policies.BuyerOrAdmin).WithSummary("Set the address an order ships to.").ProducesProblems(ErrorCodes.OrderNotFound, ErrorCodes.InvalidOrderTransition, ErrorCodes.AddressUnserviceable);
        orders.MapPost("/{id:guid}/pay", PaymentsApi.PayOrderAsync).RequireAuthorization(Policies.Buyer).WithSummary("Pay for an order from your wallet or by card.").ProducesProblems(ErrorCodes.OrderNotFound, ErrorCodes.InvalidOrderTransition, ErrorCodes.InsufficientFunds, ErrorCodes.PaymentProviderFailed);
        orders.MapPost("/{id:guid}/cancel", (Guid id, ClaimsPrincipal user, IGrainFactory grains, MarketplaceSettings settings) => StepAsync(id, user, grains, settings, (o, a) => o.CancelAsync(a))).WithSummary("Cancel an order before it ships.").ProducesProblems(ErrorCodes.OrderNotFound, ErrorCodes.InvalidOrderTransition);
        orders.MapPost("/{id:guid}/accept", (Guid id, ClaimsPrincipal user, IGrainFactory grains, MarketplaceSettings settings) => StepAsync(id, user, grains, settings, (o, a) => o.AcceptAsync(a))).RequireAuthorization(Policies.SellerOrAdmin).WithSummary("Accept an order for your products.").ProducesProblems(ErrorCodes.OrderNotFound, ErrorCodes.InvalidOrderTransition);
        orders.MapPost("/{id:guid}/ship", CarriersApi.ShipAsync).RequireAuthorization(Policies.SellerOrAdmin).WithSummary("Ship an order, booking a carrier if one is named.").ProducesProblems(ErrorCodes.OrderNotFound, ErrorCodes.InvalidOrderTransition);
        orders.MapPost("/{id:guid}/deliver", (Guid id, ClaimsPrincipal user, IGrainFactory grains, MarketplaceSettings settings) => StepAsync(id, user, grains, settings, (o, a) => o.DeliverAsync(a))).RequireAuthorization(Policies.Admin).WithSummary("Mark an order as delivered.").ProducesProblems(ErrorCodes.OrderNotFound, ErrorCodes.InvalidOrderTransition);
        orders.MapPost("/{id:guid}/complete", (Guid id, ClaimsPrincipal user, IGrainFactory grains, MarketplaceSettings settings) => StepAsync(id, user, grains, settings, (o, a) => o.CompleteAsync(a))).RequireAuthorization(Policies.BuyerOrAdmin).WithSummary("Complete an order, releasing the payment to its sellers.").ProducesProblems(ErrorCodes.OrderNotFound, ErrorCodes.InvalidOrderTransition);

        app.MapGet("/api/seller/orders", ListSoldAsync).WithTags("Orders").RequireAuthorization(Policies.Seller).WithSummary("List the orders for your products, optionally by status.");
        app.MapGet("/api/admin/inventory/summary", InventoryAsync).WithTags("Admin: orders").RequireAuthorization(Policies.Admin).WithSummary("Sum stock and sales per product.");
        return app;
    }

    public static async Task<Results<Ok<OrderPage>, ProblemHttpResult>> ListMineAsync(
        int? limit, string? cursor, ClaimsPrincipal user, ReadModelDatabase readModels, MarketplaceSettings settings, CancellationToken cancellationToken)
    {
        if (Validation.Range(limit, "limit", 1, 100) is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        return PageCursor.TryParse(cursor, out var afterTime, out var afterId)
            ? TypedResults.Ok(await OrderQueries.ListAsync(readModels.DataSource, buyerId: user.UserId(), sellerId: null, status: null, limit ?? 20, afterTime, afterId, settings.Currency, cancellationToken))
            : DomainProblems.Invalid("cursor", "is not a cursor this API returned");
    }

    public static async Task<Results<Ok<OrderPage>, ProblemHttpResult>> ListSoldAsync(
        string? status, int? limit, string? cursor, ClaimsPrincipal user, ReadModelDatabase readModels, MarketplaceSettings settings, CancellationToken cancellationToken)
    {
        var invalid = Validation.First(
            Validation.Range(limit, "limit", 1, 100),
            status is null || OrderStatuses.All.Contains(status) ? null : DomainError.Invalid("status", $"must be one of {string.Join(", ", OrderStatuses.All)}"));
        if (invalid is not null)
        {
            return DomainProblems.For(invalid);
        }

        return PageCursor.TryParse(cursor, out var afterTime, out var afterId)
            ? TypedResults.Ok(await OrderQueries.ListAsync(readModels.DataSource, buyerId: null, sellerId: user.UserId(), status, limit ?? 20, afterTime, afterId, settings.Currency, cancellationToken))
            : DomainProblems.Invalid("cursor", "is not a cursor this API returned");
    }

    public static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> GetAsync(Guid id, ClaimsPrincipal user, IGrainFactory grains, MarketplaceSettings settings)
    {
        var order = await grains.GetGrain<IOrderGrain>(id).GetAsync();
        return order is not null && (user.IsAdmin() || order.IsParty(user.UserId()))
            ? TypedResults.Ok(OrderResponse.For(order, user, settings.Currency))
            : DomainProblems.For(new DomainError(ErrorCodes.OrderNotFound, "The order was not found."));
    }

    public static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> SetAddressAsync(
        Guid id, AddressRequest request, ClaimsPrincipal user, IGrainFactory grains, MarketplaceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Check() is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        return await StepAsync(id, user, grains, settings, (o, a) => o.SetShippingAddressAsync(a, request.ToAddress()));
    }

    public static async Task<Results<Ok<IReadOnlyList<InventoryLine>>, ProblemHttpResult>> InventoryAsync([FromQuery(Name = "product_id")] Guid? productId, ReadModelDatabase readModels, CancellationToken cancellationToken) =>
        TypedResults.Ok(await OrderQueries.InventoryAsync(readModels.DataSource, productId, cancellationToken));

    internal static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> StepAsync(
        Guid id, ClaimsPrincipal user, IGrainFactory grains, MarketplaceSettings settings, Func<IOrderGrain, Actor, Task<Result<OrderView>>> step)
    {
        var result = await step(grains.GetGrain<IOrderGrain>(id), new Actor(user.UserId(), user.IsAdmin()));
        return result.Value is { } order ? TypedResults.Ok(OrderResponse.For(order, user, settings.Currency)) : DomainProblems.For(result.Error!);
    }
}
