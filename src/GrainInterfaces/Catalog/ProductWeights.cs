namespace GrainMarket.Catalog;

/// <summary>
/// How much a product weighs, in grams, for shipping quotes. A seller who lists without a weight gets
/// <see cref="DefaultGrams"/> (the smallest parcel slab couriers charge), as do products listed before weights existed.
/// </summary>
public static class ProductWeights
{
    public const int DefaultGrams = 500;

    /// <summary>The heaviest unit a listing may declare: one tonne.</summary>
    public const int MaxGrams = 1_000_000;
}
