namespace GrainMarket.Shipping;

/// <summary>A line of a parcel as the catalog lists it: its unit price (minor units) and unit weight.</summary>
[GenerateSerializer, Immutable, Alias("gm.shipping.ParcelLine")]
public sealed record ParcelLine(
    [property: Id(0)] long UnitPrice,
    [property: Id(1)] int Quantity,
    [property: Id(2)] int WeightGrams);
