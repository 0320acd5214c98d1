using GrainMarket.Sellers;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans;

namespace GrainMarket.ApiGateway.Apis;

/// <summary>Sellers' standing: their points (every seller starts at zero; a return they are found at fault for costs points) and why they changed.</summary>
public static class SellersApi
{
    public static IEndpointRouteBuilder MapSellersApi(this IEndpointRouteBuilder app)
    {
        var sellers = app.MapGroup("/api/sellers").WithTags("Sellers").RequireAuthorization();
        sellers.MapGet("/{id:guid}/points", PointsAsync).WithSummary("Get a seller's points.");
        return app;
    }

    public static async Task<Ok<SellerPointsView>> PointsAsync(Guid id, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<ISellerPointsGrain>(id).GetAsync());
}
