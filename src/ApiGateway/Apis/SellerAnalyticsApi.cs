using System.Security.Claims;
using GrainMarket.ApiGateway.Apis.Analytics;
using GrainMarket.ApiGateway.Auth;
using GrainMarket.ApiGateway.Http;
using GrainMarket.ApiGateway.ReadModels;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GrainMarket.ApiGateway.Apis;

/// <summary>
/// A seller's sales figures per day, week or month, from read models the order projection keeps as orders move
/// (docs/analytics.md defines every figure).
/// </summary>
public static class SellerAnalyticsApi
{
    public static IEndpointRouteBuilder MapSellerAnalyticsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/seller/analytics", GetAsync).WithTags("Seller analytics").RequireAuthorization(Policies.Seller)
            .WithSummary("See your revenue, orders, refunds, fees, top products, conversion and repeat buyers per day, week or month.");
        return app;
    }

    public static async Task<Results<Ok<SellerAnalyticsResponse>, ProblemHttpResult>> GetAsync(
        string? from,
        string? to,
        string? granularity,
        ClaimsPrincipal user,
        ReadModelDatabase readModels,
        MarketplaceSettings settings,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(readModels);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        var range = AnalyticsRange.Parse(from, to, granularity, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        if (!range.Succeeded)
        {
            return DomainProblems.For(range.Error!);
        }

        return TypedResults.Ok(await AnalyticsQueries.SellerAsync(readModels.DataSource, user.UserId(), range.Value!, settings.Currency, cancellationToken));
    }
}
