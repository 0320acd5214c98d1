using GrainMarket.ApiGateway.Apis.Reviews;
using GrainMarket.Brands;

namespace GrainMarket.ApiGateway.Apis.Brands;

/// <summary>
/// A seller as everyone sees them: their name, points and the rank the points reach (the next rank and the points it
/// still takes; null at the top), their feedback score and their approved brands.
/// </summary>
public sealed record SellerProfile(
    Guid Id,
    string DisplayName,
    string? Username,
    long Points,
    string Rank,
    string? NextRank,
    long? PointsToNextRank,
    RatingSummary Feedback,
    IReadOnlyList<BrandView> Brands);
