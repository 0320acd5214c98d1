using GrainMarket.ApiGateway.Apis.Brands;
using GrainMarket.ApiGateway.Http;
using GrainMarket.ApiGateway.OpenApi;
using GrainMarket.ApiGateway.ReadModels;
using GrainMarket.Brands;
using GrainMarket.Common;
using GrainMarket.Sellers;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans;

namespace GrainMarket.ApiGateway.Apis;

/// <summary>
/// Sellers' standing: their public profile (name, points, rank, feedback score, approved brands) and their points
/// (earned by completed sales, lost for returns at fault, upheld complaints and late shipments) with why they changed.
/// </summary>
public static class SellersApi
{
    /// <summary>The most approved brands a profile lists, newest first.</summary>
    private const int ProfileBrands = 50;

    public static IEndpointRouteBuilder MapSellersApi(this IEndpointRouteBuilder app)
    {
        var sellers = app.MapGroup("/api/sellers").WithTags("Sellers").RequireAuthorization();
        sellers.MapGet("/{id:guid}", ProfileAsync).AllowAnonymous().WithSummary("Get a seller's public profile: points, rank, feedback score and brands.").ProducesProblems(ErrorCodes.UserNotFound);
        sellers.MapGet("/{id:guid}/points", PointsAsync).WithSummary("Get a seller's points.");
        return app;
    }

    public static async Task<Ok<SellerPointsView>> PointsAsync(Guid id, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<ISellerPointsGrain>(id).GetAsync());

    public static async Task<Results<Ok<SellerProfile>, ProblemHttpResult>> ProfileAsync(Guid id, IGrainFactory grains, ReadModelDatabase readModels, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(readModels);
        if (await BrandQueries.SellerAsync(readModels.DataSource, id, cancellationToken) is not { } seller)
        {
            return DomainProblems.For(new DomainError(ErrorCodes.UserNotFound, $"There is no seller {id}."));
        }

        var points = await grains.GetGrain<ISellerPointsGrain>(id).GetAsync();
        var brands = await BrandQueries.ListAsync(readModels.DataSource, id, BrandStatuses.Approved, null, ProfileBrands, null, null, cancellationToken);
        return TypedResults.Ok(new SellerProfile(id, seller.DisplayName, seller.Username, points.Points, points.Rank, points.NextRank, points.PointsToNextRank, seller.Feedback, brands.Items));
    }
}
