using GrainMarket.ApiGateway.Apis.Catalog;
using GrainMarket.ApiGateway.Auth;
using GrainMarket.ApiGateway.Http;
using GrainMarket.ApiGateway.OpenApi;
using GrainMarket.Catalog;
using GrainMarket.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans;

namespace GrainMarket.ApiGateway.Apis;

/// <summary>Storefront banners: everyone sees the active ones in order; admins manage them.</summary>
public static class BannersApi
{
    private const int MaxPosition = 10_000;

    public static IEndpointRouteBuilder MapBannersApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/banners").WithTags("Banners")
            .MapGet("/", ListActiveAsync).WithSummary("List the banners shown on the storefront.");

        var admin = app.MapGroup("/api/admin/banners").WithTags("Admin: banners").RequireAuthorization(Policies.Admin);
        admin.MapGet("/", ListAllAsync).WithSummary("List all banners, shown or not.");
        admin.MapPost("/", CreateAsync).WithSummary("Create a banner.");
        admin.MapPatch("/{id:guid}", UpdateAsync).WithSummary("Change a banner.").ProducesProblems(ErrorCodes.BannerNotFound);
        admin.MapDelete("/{id:guid}", DeleteAsync).WithSummary("Delete a banner.").ProducesProblems(ErrorCodes.BannerNotFound);
        return app;
    }

    public static async Task<Ok<IReadOnlyList<BannerView>>> ListActiveAsync(IGrainFactory grains) =>
        TypedResults.Ok(await Board(grains).ListAsync(activeOnly: true));

    public static async Task<Ok<IReadOnlyList<BannerView>>> ListAllAsync(IGrainFactory grains) =>
        TypedResults.Ok(await Board(grains).ListAsync(activeOnly: false));

    public static async Task<Results<Created<BannerView>, ProblemHttpResult>> CreateAsync(CreateBannerRequest request, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(request);
        var invalid = Validation.First(
            Validation.Required(request.Title, "title"),
            Validation.Required(request.ImageUrl, "imageUrl", 2048),
            Validation.Url(request.ImageUrl, "imageUrl"),
            Validation.Url(request.LinkUrl, "linkUrl"),
            Validation.Range(request.Position, "position", 0, MaxPosition));
        if (invalid is not null)
        {
            return DomainProblems.For(invalid);
        }

        var banner = await Board(grains).CreateAsync(new BannerDraft(request.Title!.Trim(), request.ImageUrl!, request.LinkUrl, request.Position, request.Active));
        return TypedResults.Created($"/api/admin/banners/{banner.Id}", banner);
    }

    public static async Task<Results<Ok<BannerView>, ProblemHttpResult>> UpdateAsync(Guid id, UpdateBannerRequest request, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(request);
        var invalid = Validation.First(
            request.Title is null ? null : Validation.Required(request.Title, "title"),
            Validation.Url(request.ImageUrl, "imageUrl"),
            Validation.Url(request.LinkUrl, "linkUrl"),
            Validation.Range(request.Position, "position", 0, MaxPosition));
        if (invalid is not null)
        {
            return DomainProblems.For(invalid);
        }

        var updated = await Board(grains).UpdateAsync(id, new BannerUpdate(request.Title?.Trim(), request.ImageUrl, request.LinkUrl, request.Position, request.Active));
        return updated.Succeeded ? TypedResults.Ok(updated.Value) : DomainProblems.For(updated.Error!);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, IGrainFactory grains)
    {
        var deleted = await Board(grains).DeleteAsync(id);
        return deleted.Succeeded ? TypedResults.NoContent() : DomainProblems.For(deleted.Error!);
    }

    private static IBannerBoardGrain Board(IGrainFactory grains) => grains.GetGrain<IBannerBoardGrain>(IBannerBoardGrain.Key);
}
