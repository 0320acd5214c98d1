using GrainMarket.ApiGateway.Apis.Pricing;
using GrainMarket.ApiGateway.Auth;
using GrainMarket.ApiGateway.Http;
using GrainMarket.ApiGateway.OpenApi;
using GrainMarket.Common;
using GrainMarket.Promotions;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans;

namespace GrainMarket.ApiGateway.Apis;

/// <summary>Sale events: admins run them over categories and products for a window; everyone sees the active ones (docs/pricing.md).</summary>
public static class SaleEventsApi
{
    private const int MaxTargets = 500;

    public static IEndpointRouteBuilder MapSaleEventsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/sale-events").WithTags("Sale events")
            .MapGet("/active", ListActiveAsync).WithSummary("List the sale events running now.");

        var admin = app.MapGroup("/api/admin/sale-events").WithTags("Admin: sale events").RequireAuthorization(Policies.Admin);
        admin.MapPost("/", CreateAsync).WithMetadata(new IdempotentAttribute()).WithSummary("Start a sale event: a cut off listed products and categories for a window.");
        admin.MapGet("/", ListAllAsync).WithSummary("List every sale event, past, running and coming.");
        admin.MapPatch("/{id:guid}", UpdateAsync).WithSummary("Change a sale event.").ProducesProblems(ErrorCodes.SaleEventNotFound);
        admin.MapDelete("/{id:guid}", DeleteAsync).WithSummary("Delete a sale event.").ProducesProblems(ErrorCodes.SaleEventNotFound);
        return app;
    }

    public static async Task<Ok<IReadOnlyList<SaleEventView>>> ListActiveAsync(IGrainFactory grains, TimeProvider time) =>
        TypedResults.Ok(await Events(grains).ListAsync(time.GetUtcNow()));

    public static async Task<Ok<IReadOnlyList<SaleEventView>>> ListAllAsync(IGrainFactory grains) =>
        TypedResults.Ok(await Events(grains).ListAsync(null));

    public static async Task<Results<Created<SaleEventView>, ProblemHttpResult>> CreateAsync(SaleEventRequest request, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(request);
        var invalid = Validation.First(
            Validation.Required(request.Name, "name"),
            PriceCutRules.Check(request.PercentOff, request.AmountOff),
            request.StartsAt is null ? DomainError.Invalid("startsAt", "is required") : null,
            request.EndsAt is null ? DomainError.Invalid("endsAt", "is required") : null,
            PriceCutRules.Window(request.StartsAt, request.EndsAt),
            Targets(request),
            (request.CategoryIds?.Count ?? 0) + (request.ProductIds?.Count ?? 0) == 0 ? DomainError.Invalid("productIds", "name at least one product or category") : null);
        if (invalid is not null)
        {
            return DomainProblems.For(invalid);
        }

        var sale = await Events(grains).CreateAsync(Draft(request));
        return TypedResults.Created($"/api/admin/sale-events/{sale.Id}", sale);
    }

    public static async Task<Results<Ok<SaleEventView>, ProblemHttpResult>> UpdateAsync(Guid id, SaleEventRequest request, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(request);
        var invalid = Validation.First(
            request.Name is null ? null : Validation.Required(request.Name, "name"),
            PriceCutRules.Check(request.PercentOff, request.AmountOff, required: false),
            PriceCutRules.Window(request.StartsAt, request.EndsAt),
            Targets(request));
        if (invalid is not null)
        {
            return DomainProblems.For(invalid);
        }

        var updated = await Events(grains).UpdateAsync(id, Draft(request));
        return updated.Value is { } sale ? TypedResults.Ok(sale) : DomainProblems.For(updated.Error!);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, IGrainFactory grains)
    {
        var deleted = await Events(grains).DeleteAsync(id);
        return deleted.Succeeded ? TypedResults.NoContent() : DomainProblems.For(deleted.Error!);
    }

    private static DomainError? Targets(SaleEventRequest request) =>
        request.CategoryIds is { Count: > MaxTargets } ? DomainError.Invalid("categoryIds", $"must hold at most {MaxTargets} ids")
        : request.ProductIds is { Count: > MaxTargets } ? DomainError.Invalid("productIds", $"must hold at most {MaxTargets} ids")
        : request.CategoryIds?.Contains(Guid.Empty) == true ? DomainError.Invalid("categoryIds", "must not hold an empty id")
        : request.ProductIds?.Contains(Guid.Empty) == true ? DomainError.Invalid("productIds", "must not hold an empty id")
        : null;

    private static SaleEventDraft Draft(SaleEventRequest request) =>
        new(request.Name?.Trim(), PriceCutRules.Of(request.PercentOff, request.AmountOff), request.StartsAt, request.EndsAt, request.CategoryIds?.Distinct().ToList(), request.ProductIds?.Distinct().ToList());

    private static ISaleEventsGrain Events(IGrainFactory grains) => grains.GetGrain<ISaleEventsGrain>(ISaleEventsGrain.Key);
}
