namespace GrainMarket.ApiGateway.ReadModels;

/// <summary>The orders of a product search; each breaks ties by product id so that keyset pages never skip or repeat.</summary>
public enum ProductSort
{
    /// <summary><c>newest</c>: created_at descending (the default).</summary>
    Newest,

    /// <summary><c>price</c>: cheapest first.</summary>
    Price,

    /// <summary><c>-price</c>: dearest first.</summary>
    PriceDescending,

    /// <summary><c>rating</c>: best rated first.</summary>
    Rating,
}
