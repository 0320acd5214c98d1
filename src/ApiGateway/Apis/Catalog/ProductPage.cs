namespace GrainMarket.ApiGateway.Apis.Catalog;

/// <summary>One page of search results; pass <see cref="Next"/> back as <c>cursor</c> for the next (null: no more).</summary>
public sealed record ProductPage(IReadOnlyList<ProductResponse> Items, string? Next);
