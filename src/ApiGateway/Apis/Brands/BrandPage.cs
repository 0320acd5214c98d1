using GrainMarket.Brands;

namespace GrainMarket.ApiGateway.Apis.Brands;

/// <summary>One page of brands, newest first; pass <see cref="Next"/> back as <c>cursor</c> for the next (null: no more).</summary>
public sealed record BrandPage(IReadOnlyList<BrandView> Items, string? Next);
