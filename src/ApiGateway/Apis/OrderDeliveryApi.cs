using System.Security.Claims;
using GrainMarket.ApiGateway.Apis.Delivery;
using GrainMarket.ApiGateway.Apis.Orders;
using GrainMarket.ApiGateway.Auth;
using GrainMarket.ApiGateway.Http;
using GrainMarket.ApiGateway.OpenApi;
using GrainMarket.Common;
using GrainMarket.Delivery;
using GrainMarket.Orders;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans;
using QRCoder;

namespace GrainMarket.ApiGateway.Apis;

/// <summary>
/// The buyer's and sellers' side of a delivery: the buyer's proof (JSON, and its QR code as a PNG; nobody else's to
/// see), a proof reset by a seller or an admin, the buyer's confirmation and dispute, and an admin's resolution of it.
/// </summary>
public static class OrderDeliveryApi
{
    /// <summary>Pixels per QR module: a 29-module code is a 290-pixel square, readable from a phone's screen.</summary>
    private const int PixelsPerModule = 10;

    public static IEndpointRouteBuilder MapOrderDeliveryApi(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/api/orders").WithTags("Delivery").RequireAuthorization();
        orders.MapGet("/{id:guid}/proof", ProofAsync).WithSummary("Get the delivery PIN and QR token of your order.").ProducesProblems(ErrorCodes.OrderNotFound);
        orders.MapGet("/{id:guid}/proof.png", ProofImageAsync).WithSummary("Get your order's delivery QR code as a PNG image.").ProducesProblems(ErrorCodes.OrderNotFound);
        orders.MapPost("/{id:guid}/proof/reset", (Guid id, ClaimsPrincipal user, IGrainFactory grains, MarketplaceSettings settings) =>
            DeliveryApi.StepAsync(id, user, grains, settings, (o, a) => o.ResetProofAsync(a))).RequireAuthorization(Policies.SellerOrAdmin).WithSummary("Issue a new delivery PIN after too many wrong tries.").ProducesProblems(ErrorCodes.OrderNotFound, ErrorCodes.InvalidOrderTransition);
        orders.MapPost("/{id:guid}/confirm-delivery", (Guid id, ClaimsPrincipal user, IGrainFactory grains, MarketplaceSettings settings) =>
            DeliveryApi.StepAsync(id, user, grains, settings, (o, a) => o.ConfirmDeliveryAsync(a))).RequireAuthorization(Policies.Buyer).WithSummary("Confirm that your order arrived.").ProducesProblems(ErrorCodes.OrderNotFound, ErrorCodes.InvalidOrderTransition);
        orders.MapPost("/{id:guid}/dispute", DisputeAsync).RequireAuthorization(Policies.Buyer).WithSummary("Dispute a delivery you did not receive.").ProducesProblems(ErrorCodes.OrderNotFound, ErrorCodes.InvalidOrderTransition);
        app.MapPost("/api/admin/orders/{id:guid}/dispute/resolve", ResolveAsync).WithTags("Admin: orders").RequireAuthorization(Policies.Admin).WithSummary("Settle a delivery dispute for the buyer or the courier.").ProducesProblems(ErrorCodes.OrderNotFound, ErrorCodes.OrderAlreadyResolved, ErrorCodes.InvalidOrderTransition);
        return app;
    }

    public static async Task<Results<Ok<ProofView>, ProblemHttpResult>> ProofAsync(Guid id, ClaimsPrincipal user, IGrainFactory grains)
    {
        var proof = await grains.GetGrain<IOrderDeliveryGrain>(id).GetProofAsync(new Actor(user.UserId(), user.IsAdmin()));
        return proof.Value is { } value ? TypedResults.Ok(value) : DomainProblems.For(proof.Error!);
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ProofImageAsync(Guid id, ClaimsPrincipal user, IGrainFactory grains)
    {
        var proof = await grains.GetGrain<IOrderDeliveryGrain>(id).GetProofAsync(new Actor(user.UserId(), user.IsAdmin()));
        if (proof.Value is not { } value)
        {
            return DomainProblems.For(proof.Error!);
        }

        using var code = QRCodeGenerator.GenerateQrCode(value.QrToken, QRCodeGenerator.ECCLevel.M);
        return TypedResults.File(new PngByteQRCode(code).GetGraphic(PixelsPerModule), "image/png");
    }

    public static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> DisputeAsync(
        Guid id, DisputeRequest request, ClaimsPrincipal user, IGrainFactory grains, MarketplaceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Check() is { } invalid
            ? DomainProblems.For(invalid)
            : await DeliveryApi.StepAsync(id, user, grains, settings, (o, a) => o.DisputeAsync(a, request.Reason!.Trim()));
    }

    public static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> ResolveAsync(
        Guid id, ResolveDisputeRequest request, ClaimsPrincipal user, IGrainFactory grains, MarketplaceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Check() is { } invalid
            ? DomainProblems.For(invalid)
            : await DeliveryApi.StepAsync(id, user, grains, settings, (o, a) => o.ResolveDisputeAsync(a, request.Outcome!, request.Note!.Trim()));
    }
}
