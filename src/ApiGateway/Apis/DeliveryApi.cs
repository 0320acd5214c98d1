using System.Security.Claims;
using GrainMarket.ApiGateway.Apis.Delivery;
using GrainMarket.ApiGateway.Apis.Orders;
using GrainMarket.ApiGateway.Auth;
using GrainMarket.ApiGateway.Http;
using GrainMarket.ApiGateway.OpenApi;
using GrainMarket.ApiGateway.ReadModels;
using GrainMarket.Common;
using GrainMarket.Delivery;
using GrainMarket.Orders;
using GrainMarket.Wallets;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans;

namespace GrainMarket.ApiGateway.Apis;

/// <summary>
/// Couriers: their area, the orders ready for pickup in it (nearest first), claims (at most
/// <see cref="ICourierGrain.MaxActive"/> at once, one courier per order), release before pickup, the steps to the
/// buyer's door, the proof of delivery, their own deliveries and their payments.
/// </summary>
public static class DeliveryApi
{
    public static IEndpointRouteBuilder MapDeliveryApi(this IEndpointRouteBuilder app)
    {
        var delivery = app.MapGroup("/api/delivery").WithTags("Delivery").RequireAuthorization(Policies.Courier);
        delivery.MapGet("/me", async (ClaimsPrincipal user, IGrainFactory grains) => TypedResults.Ok(await grains.GetGrain<ICourierGrain>(user.UserId()).GetAsync())).WithSummary("Get your courier profile: area and current deliveries.");
        delivery.MapPut("/me/area", SetAreaAsync).WithSummary("Set the area where you deliver.");
        delivery.MapGet("/orders/available", AvailableAsync).WithSummary("List orders ready for pickup near you.").ProducesProblems(ErrorCodes.CourierAreaNotSet);
        delivery.MapGet("/orders/mine", MineAsync).WithSummary("List the orders you are delivering.");
        delivery.MapGet("/earnings", EarningsAsync).WithSummary("List what you were paid for deliveries.");
        delivery.MapPost("/orders/{id:guid}/claim", (Guid id, ClaimsPrincipal user, IGrainFactory grains, MarketplaceSettings settings) =>
            StepAsync(id, user, grains, settings, (o, a) => o.ClaimAsync(a.UserId))).WithSummary("Claim an order to deliver.").ProducesProblems(ErrorCodes.OrderNotFound, ErrorCodes.OrderAlreadyClaimed, ErrorCodes.CourierAtCapacity, ErrorCodes.CourierAreaNotSet, ErrorCodes.InvalidOrderTransition);
        delivery.MapPost("/orders/{id:guid}/advance", (Guid id, ClaimsPrincipal user, IGrainFactory grains, MarketplaceSettings settings) =>
            StepAsync(id, user, grains, settings, (o, a) => o.AdvanceAsync(a))).WithMetadata(new IdempotentAttribute()).WithSummary("Move your delivery to its next step (picked up, out for delivery).").ProducesProblems(ErrorCodes.OrderNotFound, ErrorCodes.InvalidOrderTransition);
        delivery.MapPost("/orders/{id:guid}/proof", ProofAsync).WithSummary("Prove delivery with the buyer's PIN or QR code and your location.").ProducesProblems(ErrorCodes.OrderNotFound, ErrorCodes.ProofInvalid, ErrorCodes.ProofLocked, ErrorCodes.InvalidOrderTransition);

        // An admin may take a courier's claim back too: this one route is outside the couriers' policy.
        app.MapPost("/api/delivery/orders/{id:guid}/release", (Guid id, ClaimsPrincipal user, IGrainFactory grains, MarketplaceSettings settings) =>
            StepAsync(id, user, grains, settings, (o, a) => o.ReleaseAsync(a))).WithTags("Delivery").RequireAuthorization(Policies.CourierOrAdmin).WithSummary("Give up a claimed delivery so another courier can take it.").ProducesProblems(ErrorCodes.OrderNotFound, ErrorCodes.InvalidOrderTransition);
        return app;
    }

    public static async Task<Results<Ok<CourierView>, ProblemHttpResult>> SetAreaAsync(AreaRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Check() is { } invalid
            ? DomainProblems.For(invalid)
            : TypedResults.Ok(await grains.GetGrain<ICourierGrain>(user.UserId()).SetAreaAsync(request.ToArea()));
    }

    public static async Task<Results<Ok<AvailablePage>, ProblemHttpResult>> AvailableAsync(
        int? limit, string? cursor, ClaimsPrincipal user, IGrainFactory grains, ReadModelDatabase readModels, CancellationToken cancellationToken)
    {
        if (Validation.Range(limit, "limit", 1, 100) is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        if (!DeliveryQueries.TryParseDistance(cursor, out var after))
        {
            return DomainProblems.Invalid("cursor", "is not a cursor this API returned");
        }

        var area = (await grains.GetGrain<ICourierGrain>(user.UserId()).GetAsync()).Area;
        return area is null
            ? DomainProblems.For(new DomainError(ErrorCodes.CourierAreaNotSet, "Set your area first: PUT /api/delivery/me/area."))
            : TypedResults.Ok(await DeliveryQueries.AvailableAsync(readModels.DataSource, area, limit ?? 20, after, cancellationToken));
    }

    public static async Task<Results<Ok<OrderPage>, ProblemHttpResult>> MineAsync(
        int? limit, string? cursor, ClaimsPrincipal user, ReadModelDatabase readModels, MarketplaceSettings settings, CancellationToken cancellationToken)
    {
        if (Validation.Range(limit, "limit", 1, 100) is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        return PageCursor.TryParse(cursor, out var afterTime, out var afterId)
            ? TypedResults.Ok(await DeliveryQueries.MineAsync(readModels.DataSource, user.UserId(), limit ?? 20, afterTime, afterId, settings.Currency, cancellationToken))
            : DomainProblems.Invalid("cursor", "is not a cursor this API returned");
    }

    public static async Task<Results<Ok<EarningsPage>, ProblemHttpResult>> EarningsAsync(
        int? limit, string? cursor, ClaimsPrincipal user, ReadModelDatabase readModels, MarketplaceSettings settings, CancellationToken cancellationToken)
    {
        if (Validation.Range(limit, "limit", 1, 100) is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        return PositionCursor.TryParse(cursor, out var before)
            ? TypedResults.Ok(await DeliveryQueries.EarningsAsync(readModels.DataSource, WalletKeys.ForUser(user.UserId()), user.UserId(), limit ?? 20, before, settings.Currency, cancellationToken))
            : DomainProblems.Invalid("cursor", "is not a cursor this API returned");
    }

    public static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> ProofAsync(
        Guid id, ProofRequest request, ClaimsPrincipal user, IGrainFactory grains, MarketplaceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Check() is { } invalid
            ? DomainProblems.For(invalid)
            : await StepAsync(id, user, grains, settings, (o, a) => o.SubmitProofAsync(a, request.ToSubmission()));
    }

    internal static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> StepAsync(
        Guid id, ClaimsPrincipal user, IGrainFactory grains, MarketplaceSettings settings, Func<IOrderDeliveryGrain, Actor, Task<Result<OrderView>>> step)
    {
        var result = await step(grains.GetGrain<IOrderDeliveryGrain>(id), new Actor(user.UserId(), user.IsAdmin()));
        return result.Value is { } order
            ? TypedResults.Ok(OrderResponse.For(order, user, settings.Currency))
            : DomainProblems.For(result.Error!);
    }
}
