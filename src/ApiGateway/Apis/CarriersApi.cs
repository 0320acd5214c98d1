using System.Security.Claims;
using System.Text.Json;
using GrainMarket.ApiGateway.Apis.Orders;
using GrainMarket.ApiGateway.Apis.Shipping;
using GrainMarket.ApiGateway.Auth;
using GrainMarket.ApiGateway.Carriers;
using GrainMarket.ApiGateway.Http;
using GrainMarket.ApiGateway.OpenApi;
using GrainMarket.Catalog;
using GrainMarket.Common;
using GrainMarket.Orders;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Orleans;

namespace GrainMarket.ApiGateway.Apis;

/// <summary>
/// The platform carrier: a seller ships their lines of an order with it (<c>POST /api/orders/{id}/ship
/// {"carrier": …}</c>: the carrier books a parcel per seller, and the order records its tracking number and label), and
/// the carrier reports the parcel out for delivery and delivered through a signed callback.
/// </summary>
public static class CarriersApi
{
    private static readonly JsonSerializerOptions CallbackJson = new(JsonSerializerDefaults.Web) { UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip };

    public static IEndpointRouteBuilder MapCarriersApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/shipping/carriers/{name}/callbacks", CallbackAsync).WithTags("Shipping").AllowAnonymous().WithSummary("Receive a shipment event from a carrier (signed by the carrier).").ProducesProblems(ErrorCodes.InvalidSignature, ErrorCodes.OrderNotFound);
        return app;
    }

    /// <summary>Ships the caller's lines (an admin's: every seller's): by the seller themselves, or with the named platform carrier.</summary>
    public static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> ShipAsync(
        Guid id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] ShipRequest? request, ClaimsPrincipal user, IGrainFactory grains, MarketplaceSettings settings, IServiceProvider services, ILogger<ShipRequest> logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(services);
        var actor = new Actor(user.UserId(), user.IsAdmin());
        var order = grains.GetGrain<IOrderGrain>(id);
        if (request?.Carrier is null)
        {
            return Respond(await order.ShipAsync(actor), user, settings);
        }

        var carrier = services.GetService<ICarrier>();
        var invalid = Validation.Required(request.Carrier, "carrier", 50)
            ?? (carrier is null ? DomainError.Invalid("carrier", "no carrier is offered on this marketplace: leave it out and ship yourself")
            : !string.Equals(request.Carrier.Trim(), carrier.Name, StringComparison.OrdinalIgnoreCase) ? DomainError.Invalid("carrier", $"must be {carrier.Name}")
            : null);
        if (invalid is not null)
        {
            return DomainProblems.For(invalid);
        }

        var view = await order.GetAsync();
        if (view is null || !(actor.IsAdmin || view.SellerIds.Contains(actor.UserId)))
        {
            return DomainProblems.For(view is not null && view.IsParty(actor.UserId)
                ? new DomainError(ErrorCodes.Forbidden, "Only the order's sellers ship it.")
                : new DomainError(ErrorCodes.OrderNotFound, "The order was not found."));
        }

        if (view.ShippingAddress is not { } address)
        {
            return DomainProblems.For(new DomainError(ErrorCodes.InvalidOrderTransition, "The buyer has not said where to ship yet."));
        }

        var shipments = new Dictionary<Guid, CarrierShipment>(view.Shipments ?? new Dictionary<Guid, CarrierShipment>());
        var booked = new List<string>();
        try
        {
            foreach (var seller in actor.IsAdmin ? view.SellerIds : [actor.UserId])
            {
                if (shipments.ContainsKey(seller) || view.Fulfilment.GetValueOrDefault(seller) != OrderStatuses.Processing)
                {
                    // Booked before (a retry), or not accepted yet: the order's own step says what it is.
                    continue;
                }

                var lines = view.Items.Where(l => l.SellerId == seller).ToList();
                var weights = await Task.WhenAll(lines.Select(l => grains.GetGrain<IProductGrain>(l.ProductId).GetAsync()));
                var parcel = new ShipmentRequest(
                    $"{id:N}-{seller:N}",
                    address,
                    lines.Select((l, i) => (long)(weights[i]?.WeightGrams ?? ProductWeights.DefaultGrams) * l.Quantity).Sum(),
                    lines.Sum(l => l.LineTotal),
                    string.Join(", ", lines.Select(l => $"{l.Quantity} × {l.Title}")) is var contents && contents.Length > 200 ? contents[..200] : contents);
                var booking = await carrier!.CreateShipmentAsync(parcel, cancellationToken);
                booked.Add(booking.TrackingNumber);
                var label = await carrier.LabelAsync(booking.TrackingNumber, cancellationToken);
                shipments[seller] = new CarrierShipment(carrier.Name, booking.TrackingNumber, label.AbsoluteUri);
            }
        }
        catch (CarrierException failure)
        {
            logger.LogWarning(failure, "Carrier {Carrier} failed to book order {OrderId}", carrier!.Name, id);
            await CancelAsync(carrier, booked, logger);
            return DomainProblems.For(new DomainError(ErrorCodes.CarrierFailed, $"The carrier could not book the parcel: {failure.Message} Nothing was shipped; try again."));
        }

        var shipped = await order.ShipWithCarrierAsync(actor, shipments);
        if (!shipped.Succeeded)
        {
            await CancelAsync(carrier!, booked, logger);
        }

        return Respond(shipped, user, settings);
    }

    /// <summary>A carrier's status report, verified by its HMAC-SHA256 signature before the body is read; a repeated event changes nothing.</summary>
    public static async Task<Results<Ok<CarrierCallbackResponse>, ProblemHttpResult>> CallbackAsync(string name, HttpRequest request, IServiceProvider services, IGrainFactory grains, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(grains);
        if (services.GetService<CarrierSettings>() is not { } settings || !string.Equals(name, settings.Name, StringComparison.Ordinal))
        {
            return DomainProblems.NotFound($"Carrier {name}");
        }

        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, cancellationToken);
        if (!CarrierSignature.IsValid(body.GetBuffer().AsSpan(0, (int)body.Length), request.Headers[CarrierSignature.Header], settings.WebhookSecret))
        {
            return DomainProblems.For(new DomainError(ErrorCodes.InvalidSignature, $"The {CarrierSignature.Header} header is missing or does not sign this body.", CarrierSignature.Header));
        }

        CarrierCallbackRequest? callback;
        try
        {
            callback = JsonSerializer.Deserialize<CarrierCallbackRequest>(body.GetBuffer().AsSpan(0, (int)body.Length), CallbackJson);
        }
        catch (JsonException)
        {
            return DomainProblems.For(new DomainError(ErrorCodes.MalformedRequest, "The callback is not a JSON object of eventId, waybill, reference and status."));
        }

        var parts = callback?.Reference?.Split('-');
        Guid orderId = default, sellerId = default;
        var invalid = callback is null ? DomainError.Invalid("eventId", "is required")
            : Validation.First(
                Validation.Required(callback.EventId, "eventId", 100),
                Validation.Required(callback.Waybill, "waybill", 64),
                parts is [var o, var s] && Guid.TryParseExact(o, "N", out orderId) && Guid.TryParseExact(s, "N", out sellerId) ? null : DomainError.Invalid("reference", "must be the reference of a booking this marketplace made"),
                Validation.Required(callback.Status, "status", 50));
        if (invalid is not null)
        {
            return DomainProblems.For(invalid);
        }

        var status = callback!.Status switch
        {
            "OUT_FOR_DELIVERY" => OrderStatuses.OutForDelivery,
            "DELIVERED" => OrderStatuses.Delivered,
            _ => null,
        };
        if (status is null)
        {
            // In transit, picked up, pending: the carrier's own progress, which the order has no step for.
            return TypedResults.Ok(new CarrierCallbackResponse(false, null));
        }

        var reported = await grains.GetGrain<IOrderGrain>(orderId).CarrierReportAsync(new CarrierReport(settings.Name, callback.EventId!, sellerId, callback.Waybill!, status));
        return reported.Value is { } order ? TypedResults.Ok(new CarrierCallbackResponse(true, order.Status)) : DomainProblems.For(reported.Error!);
    }

    /// <summary>Cancels parcels booked for a shipment that did not happen, so the carrier does not come for them.</summary>
    private static async Task CancelAsync(ICarrier carrier, List<string> trackingNumbers, ILogger logger)
    {
        foreach (var trackingNumber in trackingNumbers)
        {
            try
            {
                await carrier.CancelAsync(trackingNumber, CancellationToken.None);
            }
            catch (CarrierException failure)
            {
                logger.LogWarning(failure, "Carrier {Carrier} could not cancel waybill {TrackingNumber}", carrier.Name, trackingNumber);
            }
        }
    }

    private static Results<Ok<OrderResponse>, ProblemHttpResult> Respond(Result<OrderView> result, ClaimsPrincipal user, MarketplaceSettings settings) =>
        result.Value is { } order ? TypedResults.Ok(OrderResponse.For(order, user, settings.Currency)) : DomainProblems.For(result.Error!);
}
