using System.Globalization;
using System.Security.Claims;
using GrainMarket.ApiGateway.Apis.Shipping;
using GrainMarket.ApiGateway.Auth;
using GrainMarket.ApiGateway.Http;
using GrainMarket.ApiGateway.OpenApi;
using GrainMarket.Catalog;
using GrainMarket.Common;
using GrainMarket.Orders;
using GrainMarket.Shipping;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Orleans;

namespace GrainMarket.ApiGateway.Apis;

/// <summary>
/// Shipping: whether the marketplace ships to an address (anyone), what shipping the caller's cart or one product costs
/// to an address (signed in; checkout charges exactly this), and the zones and rate tables (admins). With no zone at
/// all, everything ships at no charge.
/// </summary>
public static class ShippingApi
{
    public static IEndpointRouteBuilder MapShippingApi(this IEndpointRouteBuilder app)
    {
        var shipping = app.MapGroup("/api/shipping").WithTags("Shipping");
        shipping.MapGet("/serviceability", ServiceabilityAsync).WithSummary("Check whether we deliver to an address, written out or one of my saved ones.").ProducesProblems(ErrorCodes.Unauthenticated, ErrorCodes.AddressNotFound);
        shipping.MapGet("/quote", QuoteAsync).RequireAuthorization().WithSummary("Quote the shipping cost of a product to an address.").ProducesProblems(ErrorCodes.ProductNotFound, ErrorCodes.AddressUnserviceable, ErrorCodes.ParcelTooHeavy, ErrorCodes.AddressNotFound);

        var admin = app.MapGroup("/api/admin/shipping/zones").WithTags("Admin: shipping").RequireAuthorization(Policies.Admin);
        admin.MapGet("/", ListZonesAsync).WithSummary("List shipping zones and their rates.");
        admin.MapPost("/", CreateZoneAsync).WithMetadata(new IdempotentAttribute()).WithSummary("Create a shipping zone.").ProducesProblems(ErrorCodes.ShippingZoneConflict);
        admin.MapPut("/{id:guid}", ReplaceZoneAsync).WithSummary("Replace a shipping zone.").ProducesProblems(ErrorCodes.ShippingZoneNotFound, ErrorCodes.ShippingZoneConflict);
        admin.MapDelete("/{id:guid}", DeleteZoneAsync).WithSummary("Delete a shipping zone.").ProducesProblems(ErrorCodes.ShippingZoneNotFound);
        return app;
    }

    public static async Task<Results<Ok<ServiceabilityResponse>, ProblemHttpResult>> ServiceabilityAsync(
        string? country, [FromQuery(Name = "postal_code")] string? postalCode, string? region, [FromQuery(Name = "address_id")] string? addressId, ClaimsPrincipal user, IGrainFactory grains)
    {
        var destination = await DestinationAsync(addressId, country, postalCode, region, user, grains);
        if (destination.Value is null)
        {
            return DomainProblems.For(destination.Error!);
        }

        var quote = await Rates(grains).QuoteAsync(destination.Value, []);
        return TypedResults.Ok(quote.Refusal is { Code: ErrorCodes.AddressUnserviceable }
            ? new ServiceabilityResponse(false, null, null, null)
            : new ServiceabilityResponse(true, quote.ZoneId, quote.ZoneName, quote.EstimatedDays));
    }

    public static async Task<Results<Ok<ShippingQuoteResponse>, ProblemHttpResult>> QuoteAsync(
        string? country, [FromQuery(Name = "postal_code")] string? postalCode, string? region, [FromQuery(Name = "address_id")] string? addressId, [FromQuery(Name = "product_id")] string? productId, string? quantity, ClaimsPrincipal user, IGrainFactory grains, MarketplaceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(settings);
        Guid product = default;
        var units = 0;
        var invalid = (addressId is null ? DestinationRule(country, postalCode, region) : null)
            ?? (productId is null ? null : Guid.TryParse(productId, out product) && product != Guid.Empty ? null : DomainError.Invalid("product_id", "must be a product id"))
            ?? (quantity is null
                ? productId is null ? null : DomainError.Invalid("quantity", "is required with product_id")
                : productId is null ? DomainError.Invalid("product_id", "is required with quantity")
                : int.TryParse(quantity, NumberStyles.None, CultureInfo.InvariantCulture, out units) && units is >= 1 and <= 10_000 ? null
                : DomainError.Invalid("quantity", "must be a whole number between 1 and 10000"));
        if (invalid is not null)
        {
            return DomainProblems.For(invalid);
        }

        var destination = await DestinationAsync(addressId, country, postalCode, region, user, grains);
        if (destination.Value is null)
        {
            return DomainProblems.For(destination.Error!);
        }

        IReadOnlyList<CartLine> lines = productId is null
            ? [.. (await grains.GetGrain<ICartGrain>(user.UserId()).GetAsync()).Items.Select(i => new CartLine(i.ProductId, i.Quantity))]
            : [new CartLine(product, units)];
        if (lines.Count == 0)
        {
            return DomainProblems.For(new DomainError(ErrorCodes.CartEmpty, "There is nothing in your cart to quote; add products or name one with productId and quantity."));
        }

        // Prices and weights as checkout reads them: from the product grains, active products only.
        var parcel = new List<ParcelLine>(lines.Count);
        foreach (var line in lines)
        {
            var listing = await grains.GetGrain<IProductGrain>(line.ProductId).GetAsync();
            if (listing is not { Status: ProductStatus.Active })
            {
                return DomainProblems.For(listing is null
                    ? new DomainError(ErrorCodes.ProductNotFound, $"Product {line.ProductId} does not exist.", "product_id")
                    : new DomainError(ErrorCodes.ProductUnavailable, $"Product {line.ProductId} is not for sale ({listing.Status}).", "product_id"));
            }

            parcel.Add(new ParcelLine(listing.Price, line.Quantity, listing.WeightGrams));
        }

        var quote = await Rates(grains).QuoteAsync(destination.Value, parcel);
        return quote.Refusal switch
        {
            null => TypedResults.Ok(ShippingQuoteResponse.From(quote, settings.Currency)),
            { Code: ErrorCodes.AddressUnserviceable } refusal => DomainProblems.For(refusal with { Field = addressId is null ? "postal_code" : "address_id" }),
            { } refusal => DomainProblems.For(refusal with { Field = productId is null ? "items" : "quantity" }),
        };
    }

    public static async Task<Ok<IReadOnlyList<ShippingZone>>> ListZonesAsync(IGrainFactory grains) =>
        TypedResults.Ok(await Rates(grains).ListZonesAsync());

    public static async Task<Results<Created<ShippingZone>, ProblemHttpResult>> CreateZoneAsync(ShippingZoneRequest request, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Check() is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        var created = await Rates(grains).CreateZoneAsync(request.ToZone(Guid.NewGuid()));
        return created.Value is { } zone ? TypedResults.Created($"/api/admin/shipping/zones/{zone.Id}", zone) : DomainProblems.For(created.Error!);
    }

    public static async Task<Results<Ok<ShippingZone>, ProblemHttpResult>> ReplaceZoneAsync(Guid id, ShippingZoneRequest request, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Check() is { } invalid)
        {
            return DomainProblems.For(invalid);
        }

        var replaced = await Rates(grains).ReplaceZoneAsync(request.ToZone(id));
        return replaced.Value is { } zone ? TypedResults.Ok(zone) : DomainProblems.For(replaced.Error!);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteZoneAsync(Guid id, IGrainFactory grains)
    {
        var deleted = await Rates(grains).DeleteZoneAsync(id);
        return deleted.Succeeded ? TypedResults.NoContent() : DomainProblems.For(deleted.Error!);
    }

    private static DomainError? DestinationRule(string? country, string? postalCode, string? region) =>
        Validation.First(
            ShippingZoneRequest.CountryRule(country, "country"),
            Validation.Required(postalCode, "postal_code", 20),
            Validation.Optional(region, "region", 100));

    /// <summary>
    /// Where to quote: the address written out in the query, or the caller's saved address <c>address_id</c> (exactly
    /// one; a saved address needs a signed-in caller, and another user's id is address-not-found).
    /// </summary>
    private static async Task<Result<ShippingDestination>> DestinationAsync(string? addressId, string? country, string? postalCode, string? region, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (addressId is null)
        {
            return country is null && postalCode is null && region is null
                ? DomainError.Invalid("country", "is required: give country and postal_code, or address_id (a saved address)")
                : DestinationRule(country, postalCode, region) ?? (Result<ShippingDestination>)new ShippingDestination(country!.ToUpperInvariant(), postalCode!.Trim(), region?.Trim() ?? "");
        }

        if (country is not null || postalCode is not null || region is not null)
        {
            return DomainError.Invalid("address_id", "give either address_id or country, postal_code and region, not both");
        }

        if (!Guid.TryParse(addressId, out var id))
        {
            return DomainError.Invalid("address_id", "must be an address id");
        }

        if (user.Identity?.IsAuthenticated != true)
        {
            return new DomainError(ErrorCodes.Unauthenticated, "Sign in to name one of your saved addresses.", "address_id");
        }

        var address = await AddressesApi.ShippingAddressAsync(grains, user.UserId(), id, "address_id");
        return address.Value is { } shipTo ? ShippingDestination.Of(shipTo) : address.Error!;
    }

    private static IShippingRatesGrain Rates(IGrainFactory grains) => grains.GetGrain<IShippingRatesGrain>(IShippingRatesGrain.Key);
}
